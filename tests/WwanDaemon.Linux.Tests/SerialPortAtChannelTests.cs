using System.Diagnostics;
using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Tests;

/// <summary>The "unplug during a command" acceptance, on a real pty: the AT channel over a SerialPort.</summary>
public class SerialPortAtChannelTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MasterClosesDuringACommand_CommandFailsWithPortGoneWithinItsTimeout()
    {
        var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);
        await using var channel = AtChannel.Open(port.Stream, new AtChannelOptions { Name = terminal.SlavePath, CommandTimeout = CommandTimeout });
        using var modemTimeout = new CancellationTokenSource(CommandTimeout);

        // A modem that answers the first command, then is unplugged in the middle of the second.
        var first = channel.SendAsync(AtCommand.Attention);
        Assert.Equal("AT\r"u8.ToArray(), await SerialPortTests.ReadExactlyAsync(terminal.Master, 3));
        await terminal.Master.WriteAsync("AT\r\r\nOK\r\n"u8.ToArray(), modemTimeout.Token);
        (await first).EnsureOk(terminal.SlavePath);

        var second = channel.SendAsync(AtCommand.Read("+COPS"));
        Assert.Equal("AT+COPS?\r"u8.ToArray(), await SerialPortTests.ReadExactlyAsync(terminal.Master, 9));
        await terminal.Master.WriteAsync("AT+COPS?\r\r\n"u8.ToArray(), modemTimeout.Token); // echo, then gone
        var clock = Stopwatch.StartNew();
        terminal.Dispose();

        var gone = await Assert.ThrowsAsync<AtPortGoneException>(() => second.WaitAsync(CommandTimeout * 2));
        Assert.True(clock.Elapsed < CommandTimeout / 2, $"the command took {clock.Elapsed} to fail");
        Assert.Contains(terminal.SlavePath, gone.Message);
        Assert.Contains("port gone", gone.Message);
        Assert.IsType<PortGoneException>(gone.InnerException);

        // Later commands fail before being sent, with the same reason; nothing hangs.
        var later = await Assert.ThrowsAsync<AtPortGoneException>(() => channel.SendAsync(AtCommand.Attention).WaitAsync(CommandTimeout));
        Assert.Contains("port gone", later.Message);
        Assert.NotNull(channel.ClosedBecause);
    }
}
