using System.Diagnostics;
using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Tests;

/// <summary>
/// Unplug on a pty: closing the master hangs the slave up exactly as a USB serial disconnect does
/// (tty_vhangup: poll POLLHUP|POLLERR, read 0, write EIO). Everything pending must end promptly with
/// "port gone" naming the device.
/// </summary>
public class SerialPortHangUpTests
{
    // The hang-up is seen at once (poll has no timeout to wait out), so this bound only separates
    // "ended" from "hung"; it is kept well above what a loaded 2-CPU host can add to a wake-up, and
    // below the 30 s a command may wait (AtChannel), which is what "promptly" has to beat.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MasterCloses_PendingReadAndWrite_FailWithPortGoneNamingTheDevice()
    {
        using var terminal = PseudoTerminal.Open(); // disposed again at the end in case an assertion fails before the unplug
        using var port = SerialPort.Open(terminal.SlavePath);
        var read = port.Stream.ReadAsync(new byte[64]).AsTask();
        // 4 MiB: far more than the pty queue and the master's reader buffer take, so the write waits.
        var write = port.Stream.WriteAsync(new byte[4 << 20]).AsTask();
        await Task.Delay(200);
        Assert.False(read.IsCompleted);
        Assert.False(write.IsCompleted);
        var clock = Stopwatch.StartNew();

        terminal.Dispose();

        var readError = await Assert.ThrowsAsync<PortGoneException>(() => read.WaitAsync(Prompt * 3));
        var writeError = await Assert.ThrowsAsync<PortGoneException>(() => write.WaitAsync(Prompt * 3));
        Assert.True(clock.Elapsed < Prompt, $"hang-up took {clock.Elapsed} to show");
        foreach (var error in new[] { readError, writeError })
        {
            Assert.Equal(terminal.SlavePath, error.DevicePath);
            Assert.StartsWith($"{terminal.SlavePath}: port gone (", error.Message);
        }
        Assert.True(port.IsGone);
    }

    [Fact]
    public async Task MasterClosed_LaterReadsAndWrites_FailTheSameWay()
    {
        using var terminal = PseudoTerminal.Open(); // disposed again at the end in case an assertion fails before the unplug
        using var port = SerialPort.Open(terminal.SlavePath);
        terminal.Dispose();

        var first = await Assert.ThrowsAsync<PortGoneException>(() => port.Stream.ReadAsync(new byte[8]).AsTask().WaitAsync(Prompt));
        var again = await Assert.ThrowsAsync<PortGoneException>(() => port.Stream.ReadAsync(new byte[8]).AsTask().WaitAsync(Prompt));
        var write = await Assert.ThrowsAsync<PortGoneException>(() => port.Stream.WriteAsync("AT\r"u8.ToArray()).AsTask().WaitAsync(Prompt));
        var syncWrite = Assert.Throws<PortGoneException>(() => port.Stream.Write("AT\r"u8));

        Assert.All(new[] { first, again, write, syncWrite }, error => Assert.StartsWith($"{terminal.SlavePath}: port gone (", error.Message));
        Assert.Throws<PortGoneException>(() => port.SetDataTerminalReady(true));
    }

    [Fact]
    public async Task MasterCloses_BytesSentBeforeTheHangUp_AreStillDelivered()
    {
        using var terminal = PseudoTerminal.Open(); // disposed again at the end in case an assertion fails before the unplug
        using var port = SerialPort.Open(terminal.SlavePath);
        await terminal.Master.WriteAsync("\r\nOK\r\n"u8.ToArray());
        await Task.Delay(100);

        terminal.Dispose();

        Assert.Equal("\r\nOK\r\n"u8.ToArray(), await SerialPortTests.ReadExactlyAsync(port.Stream, 6));
        await Assert.ThrowsAsync<PortGoneException>(() => port.Stream.ReadAsync(new byte[8]).AsTask().WaitAsync(Prompt));
    }

    [Fact]
    public void MasterClosed_DisposingThePort_DoesNotThrow()
    {
        using var terminal = PseudoTerminal.Open(); // disposed again at the end in case an assertion fails before the unplug
        var port = SerialPort.Open(terminal.SlavePath);
        terminal.Dispose();

        var error = Record.Exception(port.Dispose);

        Assert.Null(error);
    }

    [Fact]
    public async Task CharacterDevice_MasterCloses_ReadFailsWithPortGone()
    {
        // The same stream serves cdc-wdm through CharacterDevice: a hang-up is "port gone" there too.
        using var terminal = PseudoTerminal.Open(); // disposed again at the end in case an assertion fails before the unplug
        await using var device = CharacterDevice.Open(terminal.SlavePath);
        var read = device.ReadAsync(new byte[16]).AsTask();

        terminal.Dispose();

        var error = await Assert.ThrowsAsync<PortGoneException>(() => read.WaitAsync(Prompt));
        Assert.Equal(terminal.SlavePath, error.DevicePath);
    }
}
