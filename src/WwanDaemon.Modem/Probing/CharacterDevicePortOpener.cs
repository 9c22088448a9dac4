using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Modem.Probing;

/// <summary>
/// Opens every port with <see cref="CharacterDevice.Open"/>: a cancellable stream, no termios and no
/// modem-control lines. Raising DTR through it is honestly <see cref="DtrResult.NotSupported"/>: line
/// control belongs to the serial-port layer (<see cref="WwanDaemon.Linux.Terminals.SerialPort"/>), which
/// <see cref="LinuxProbePortOpener"/> uses for ttys. Good for cdc-wdm nodes and for ptys whose simulator ignores DTR.
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

        public string Description => "character device, no termios and no line control";

        public DtrOutcome RaiseDataTerminalReady() => new(DtrResult.NotSupported, port.Kind == PortKind.CdcWdm
            ? $"{port.Path} is a cdc-wdm node: it has no modem-control lines (qmi_wwan raises DTR itself for needs-dtr devices)"
            : $"{port.Path} was opened without line control (CharacterDevice); DTR needs the serial-port opener (LinuxProbePortOpener)");

        public ValueTask DisposeAsync()
        {
            Stream.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
