using System.Diagnostics;
using System.Text;
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
        using var terminal = PseudoTerminal.Open(); // disposed again at the end in case an assertion fails before the unplug
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

    public static TheoryData<string, string> Injections => new()
    {
        // how the value is used, the value a user or a configuration file supplied
        { "apn", "internet\"\r\nAT+CFUN=0" },
        { "apn", "internet\r\nAT+CFUN=0" },
        { "apn", "internet\nAT+CFUN=0" },
        { "apn", "internet;+CFUN=0" },
        { "apn", "internet\";+CFUN=0;\"" },
        { "apn", "internet\u001a" },
        { "apn", "internet\\22,+CFUN=0" },
        { "pin", "1234\"\r\nAT+CLCK=\"SC\",0,\"1234" },
        { "operator", "26201\";+COPS=2;\"" },
        { "user", "bob\"\r\nATH" },
    };

    /// <summary>
    /// The injection acceptance at the wire: whatever the caller tries, the bytes the port
    /// receives (read on the pty master, where a modem would read them) are only the clean commands
    /// sent afterwards, and the channel still works.
    /// </summary>
    [Theory]
    [MemberData(nameof(Injections))]
    public async Task InjectedInput_NeverReachesThePort_TheNextCleanCommandIsTheFirstByteSent(string use, string value)
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);
        await using var channel = AtChannel.Open(port.Stream, new AtChannelOptions { Name = terminal.SlavePath, CommandTimeout = CommandTimeout });

        // The daemon's path: build the command from the user's value, then send it. The build refuses.
        var rejected = await Assert.ThrowsAsync<AtCommandRejectedException>(() => channel.SendAsync(use switch
        {
            "apn" => AtCommand.Set("+CGDCONT", AtArgument.Number(1), AtArgument.Quoted("IP", "PDP type"), AtArgument.Apn(value)),
            "pin" => AtCommand.Set("+CPIN", AtArgument.Pin(value)),
            "operator" => AtCommand.Set("+COPS", AtArgument.Number(1), AtArgument.Number(2), AtArgument.OperatorId(value)),
            _ => AtCommand.Set("+CGAUTH", AtArgument.Number(1), AtArgument.Number(1), AtArgument.Quoted(value, "user")),
        }));
        Assert.Contains("not sent", rejected.Message, StringComparison.Ordinal);

        var clean = channel.SendAsync(AtCommand.Set("+CGDCONT", AtArgument.Number(1), AtArgument.Quoted("IP", "PDP type"), AtArgument.Apn("internet")));
        var expected = "AT+CGDCONT=1,\"IP\",\"internet\"\r"u8.ToArray();
        var wire = await SerialPortTests.ReadExactlyAsync(terminal.Master, expected.Length);
        Assert.Equal(Encoding.ASCII.GetString(expected), Encoding.ASCII.GetString(wire));
        await terminal.Master.WriteAsync("\r\nOK\r\n"u8.ToArray());
        Assert.True((await clean.WaitAsync(CommandTimeout)).IsOk);

        // Nothing else was written: no part of the refused value is waiting behind the clean command.
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => terminal.Master.ReadAsync(new byte[1], quiet.Token).AsTask());
    }
}
