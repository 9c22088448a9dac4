using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Modem.Probing;

/// <summary>
/// The daemon's opener: a tty as a <see cref="SerialPort"/> (exclusive, raw 8N1; open raises DTR as a
/// real tty's open does, and <see cref="IProbeConnection.RaiseDataTerminalReady"/> asserts it again
/// with TIOCMBIS, or on a pty by the line-speed convention, reported as emulated), a cdc-wdm node with
/// <see cref="CharacterDevice.Open"/> (no modem-control lines: raising DTR is not supported there).
/// </summary>
public sealed class LinuxProbePortOpener : IProbePortOpener
{
    /// <param name="serialOptions">How ttys are configured; the defaults (115200 baud, no flow control, exclusive) when null.</param>
    public LinuxProbePortOpener(SerialPortOptions? serialOptions = null)
    {
        SerialOptions = serialOptions ?? new SerialPortOptions();
    }

    /// <summary>How ttys are configured.</summary>
    public SerialPortOptions SerialOptions { get; }

    /// <inheritdoc />
    /// <exception cref="SerialPortBusyException">Another process holds the tty exclusively (an IOException: the port is reported failed).</exception>
    public async ValueTask<IProbeConnection> OpenAsync(ProbePort port, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (port.Kind == PortKind.CdcWdm)
        {
            return await new CharacterDevicePortOpener().OpenAsync(port, cancellationToken).ConfigureAwait(false);
        }
        return new SerialConnection(SerialPort.Open(port.Path, SerialOptions));
    }

    private sealed class SerialConnection(SerialPort serial) : IProbeConnection
    {
        public Stream Stream => serial.Stream;

        public string Description => serial.ModemControlUnsupported is null
            ? $"serial port, raw 8N1 at {serial.Options.BaudRate} baud{(serial.Options.Exclusive ? ", exclusive" : "")}; open raised DTR"
            : $"serial port without modem-control lines (a pty), raw 8N1 at {serial.Options.BaudRate} baud; open signalled DTR by the line-speed convention";

        public DtrOutcome RaiseDataTerminalReady() => serial.SetDataTerminalReady(true) switch
        {
            ModemControlOutcome.Applied => new DtrOutcome(DtrResult.Applied, "TIOCMBIS"),
            ModemControlOutcome.EmulatedWithLineSpeed => new DtrOutcome(DtrResult.Emulated, "no modem-control lines (a pty): signalled by a non-zero line speed"),
            var other => new DtrOutcome(DtrResult.NotSupported, serial.ModemControlUnsupported ?? $"the port said {other}"),
        };

        public ValueTask DisposeAsync()
        {
            serial.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
