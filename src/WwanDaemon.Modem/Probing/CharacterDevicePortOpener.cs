using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Modem.Probing;

/// <summary>
/// Opens every port with <see cref="CharacterDevice.Open"/>: a cancellable stream, no termios and no
/// modem-control lines. Raising DTR through it is honestly <see cref="DtrResult.NotSupported"/>: line
/// control belongs to the serial-port layer (WwanDaemon.Linux Terminals: termios, TIOCMBIS), which a
/// serial-aware opener uses instead. Good for cdc-wdm nodes and for ptys whose simulator ignores DTR.
/// </summary>
public sealed class CharacterDevicePortOpener : IProbePortOpener
{
    /// <inheritdoc />
    public ValueTask<IProbeConnection> OpenAsync(ProbePort port, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IProbeConnection>(new Connection(CharacterDevice.Open(port.Path), port));
    }

    private sealed class Connection(Stream stream, ProbePort port) : IProbeConnection
    {
        public Stream Stream { get; } = stream;

        public DtrOutcome RaiseDataTerminalReady() => new(DtrResult.NotSupported, port.Kind == PortKind.CdcWdm
            ? $"{port.Path} is a cdc-wdm node: it has no modem-control lines (qmi_wwan raises DTR itself for needs-dtr devices)"
            : $"{port.Path} was opened without line control (CharacterDevice); DTR needs the serial-port opener");

        public ValueTask DisposeAsync()
        {
            Stream.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
