using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Tests;

/// <summary>SerialPort on real ptys: termios as set, exclusive open, modem-control reporting, flushing.</summary>
public class SerialPortTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    internal static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }

    // Read through the master, as the simulator would: independent of the handle under test.
    private static KernelTermios SlaveSettings(PseudoTerminal terminal) => terminal.ReadSlaveSettings();

    [Fact]
    public void Open_Pty_SetsRaw8N1WithClocalCreadHupclAndNoFlowControl()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);

        var termios = SlaveSettings(terminal);
        Assert.Equal(0u, termios.LocalFlags & (KernelTermios.ECHO | KernelTermios.ICANON | KernelTermios.ISIG | KernelTermios.IEXTEN));
        Assert.Equal(0u, termios.InputFlags & (KernelTermios.ICRNL | KernelTermios.INLCR | KernelTermios.IGNCR | KernelTermios.IXON | KernelTermios.IXOFF | KernelTermios.ISTRIP));
        Assert.Equal(0u, termios.OutputFlags & KernelTermios.OPOST);
        // pty_set_termios forces CS8 and clears PARENB itself, so these hold on a pty whatever we asked;
        // CLOCAL, HUPCL, CSTOPB and CRTSCTS are kept as set.
        Assert.Equal(KernelTermios.CS8, termios.ControlFlags & KernelTermios.CSIZE);
        Assert.Equal(0u, termios.ControlFlags & (KernelTermios.PARENB | KernelTermios.CSTOPB | KernelTermios.CRTSCTS));
        Assert.Equal(KernelTermios.CLOCAL | KernelTermios.CREAD | KernelTermios.HUPCL,
            termios.ControlFlags & (KernelTermios.CLOCAL | KernelTermios.CREAD | KernelTermios.HUPCL));
        Assert.Equal(1, termios.ControlCharacter(KernelTermios.VMIN));
        Assert.Equal(0, termios.ControlCharacter(KernelTermios.VTIME));
    }

    [Fact]
    public void Open_RtsCtsFlowControl_SetsCrtscts()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath, new SerialPortOptions { FlowControl = SerialFlowControl.RtsCts });

        Assert.Equal(KernelTermios.CRTSCTS, SlaveSettings(terminal).ControlFlags & KernelTermios.CRTSCTS);
    }

    [Fact]
    public async Task RawMode_ControlBytesBothWays_PassUnchanged()
    {
        // CR, LF, ^C, ^D, XON, XOFF, DEL, ^Z, ESC: what a cooked tty would translate, eat or echo.
        byte[] special = [0x0d, 0x0a, 0x03, 0x04, 0x11, 0x13, 0x7f, 0x1a, 0x1b, 0x0d, 0x0d, 0x0a, 0x00, 0xff];
        var all = special.Concat(Enumerable.Range(0, 256).Select(b => (byte)b)).ToArray();
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);

        await port.Stream.WriteAsync(all);
        Assert.Equal(all, await ReadExactlyAsync(terminal.Master, all.Length));

        await terminal.Master.WriteAsync(all);
        Assert.Equal(all, await ReadExactlyAsync(port.Stream, all.Length));

        // No echo either way: nothing more is waiting on either side.
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => terminal.Master.ReadAsync(new byte[1], quiet.Token).AsTask());
    }

    [Theory]
    [InlineData(115200)]
    [InlineData(9600)]
    [InlineData(921600)]
    [InlineData(250000)] // not a Bnnn code: sent as BOTHER with the rate in c_ospeed
    public void Open_Speed_IsSetAndReadBack(int baudRate)
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath, new SerialPortOptions { BaudRate = baudRate });

        Assert.Equal(baudRate, port.LineSpeed);
        Assert.Equal(baudRate, terminal.HostLineSpeed);
    }

    [Fact]
    public void Open_NotATerminal_FailsNamingTheDevice()
    {
        var error = Assert.Throws<IOException>(() => SerialPort.Open("/dev/null"));

        Assert.Contains("/dev/null is not a terminal", error.Message);
    }

    [Fact]
    public void Open_Missing_FailsNamingTheDevice()
    {
        var error = Assert.Throws<IOException>(() => SerialPort.Open("/dev/ttyUSB-missing-for-test"));

        Assert.Contains("/dev/ttyUSB-missing-for-test", error.Message);
        Assert.Contains("No such file or directory", error.Message);
    }

    [Fact]
    public void ModemControl_OnPty_ReportedAsNotSupportedNotFaked()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);

        Assert.Equal($"modem control lines not supported on {terminal.SlavePath} (TIOCMGET: ENOTTY); a pty has none: DTR is signalled by line speed (B0 = dropped), RTS not at all",
            port.ModemControlUnsupported);
        Assert.Equal(ModemControlOutcome.NotSupported, port.SetRequestToSend(true));
        var error = Assert.Throws<ModemControlNotSupportedException>(() => port.ReadModemLines());
        Assert.StartsWith($"modem control lines not supported on {terminal.SlavePath}", error.Message);
    }

    [Fact]
    public async Task Discard_Input_DropsWhatArrivedBefore()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);
        await terminal.Master.WriteAsync("\r\nRDY\r\n"u8.ToArray());
        await Task.Delay(200); // let the stream's reader take it in: Discard must drop it there too

        port.Discard(SerialQueue.Input);
        await terminal.Master.WriteAsync("\r\nOK\r\n"u8.ToArray());

        Assert.Equal("\r\nOK\r\n"u8.ToArray(), await ReadExactlyAsync(port.Stream, 6));
    }

    [Fact]
    public async Task ReadAsync_CancelledByToken_ReturnsPromptlyAndPortStillReads()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => port.Stream.ReadAsync(new byte[16], cancel.Token).AsTask());

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"the cancelled read took {started.Elapsed}");
        await terminal.Master.WriteAsync(new byte[] { 0x42 });
        Assert.Equal([0x42], await ReadExactlyAsync(port.Stream, 1));
    }
}
