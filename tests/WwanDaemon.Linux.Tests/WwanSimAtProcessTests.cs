using System.Diagnostics;
using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;
using WwanDaemon.At.Parsers;
using WwanDaemon.Linux.Terminals;
using static WwanDaemon.Linux.Tests.WwanSimProcess;

namespace WwanDaemon.Linux.Tests;

/// <summary>wwan-sim --protocol at as a real process, driven by the daemon's SerialPort and AtChannel through the link.</summary>
public class WwanSimAtProcessTests
{
    /// <summary>Seed 000 end to end: the SIM7600 answers, refuses AT+QCFG, switches to 9001 and leaves like an unplugged modem.</summary>
    [Fact]
    public async Task Port_AtSim7600_AnswersThenReenumeratesAndExitsCleanly()
    {
        using var directory = new TemporaryDirectory();
        var link = Path.Combine(directory.Path, "ttyUSB2");
        using var process = Start("port", "--protocol", "at", "--link", link, "--profile", "sim7600-rndis");
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(ProcessTimeout);
            Assert.StartsWith($"ready {link} /dev/pts/", ready, StringComparison.Ordinal);
            using var serial = SerialPort.Open(link);
            await using var channel = AtChannel.Open(serial.Stream, new AtChannelOptions { Name = link, CommandTimeout = ProcessTimeout });

            var model = IdentityParsers.ParseModel((await channel.SendAsync(AtCommand.Execute("+CGMM"))).Lines);
            var qcfg = await channel.SendAsync(AtCommand.Set("+QCFG", AtArgument.Quoted("usbnet", "item")));
            var pid = UsbCompositionParsers.ParseSimcomPid((await channel.SendAsync(AtCommand.Read("+CUSBPIDSWITCH"))).Lines);
            var switched = await channel.SendAsync(AtCommand.Set("+CUSBPIDSWITCH", AtArgument.Token("9001", "pid"), AtArgument.Number(1), AtArgument.Number(1)));
            var gone = await process.StandardOutput.ReadLineAsync().WaitAsync(ProcessTimeout);
            await process.WaitForExitAsync().WaitAsync(ProcessTimeout);

            Assert.Equal("SIMCOM_SIM7600G-H", model);
            Assert.Equal(AtFinalResultKind.Error, qcfg.Final.Kind);
            Assert.Equal(0x9011, pid);
            Assert.True(switched.IsOk, switched.Final.ToString());
            Assert.Equal($"gone {link}: the modem re-enumerated as 1e0e:9001", gone);
            Assert.Equal(0, process.ExitCode);
            Assert.False(Path.Exists(link), "the link goes with the port");
            await Assert.ThrowsAsync<AtPortGoneException>(() => channel.SendAsync(AtCommand.Attention));
        }
        finally
        {
            KillIfRunning(process);
        }
    }

    /// <summary>The needs-dtr variant through the process: the pty DTR convention (B0 = low) reaches the simulator.</summary>
    [Fact]
    public async Task Port_AtNeedsDtr_SilentWithDtrLow_AnswersWithDtrHigh()
    {
        using var directory = new TemporaryDirectory();
        var link = Path.Combine(directory.Path, "ttyUSB3");
        using var process = Start("port", "--protocol", "at", "--link", link, "--profile", "needs-dtr");
        try
        {
            await process.StandardOutput.ReadLineAsync().WaitAsync(ProcessTimeout);
            using var serial = SerialPort.Open(link);
            await using var channel = AtChannel.Open(serial.Stream, new AtChannelOptions { Name = link, CommandTimeout = ProcessTimeout });

            serial.SetDataTerminalReady(false);
            await Assert.ThrowsAsync<AtTimeoutException>(() => channel.SendAsync(AtCommand.Attention.WithTimeout(TimeSpan.FromMilliseconds(500))));
            serial.SetDataTerminalReady(true);
            var answered = await channel.SendAsync(AtCommand.Attention);

            Assert.True(answered.IsOk);
            await Terminate(process);
            await process.WaitForExitAsync().WaitAsync(ProcessTimeout);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            KillIfRunning(process);
        }
    }

    [Fact]
    public async Task Help_ListsTheAtProfilesAndTheGoneLine()
    {
        using var process = Start("--help");
        string output;
        try
        {
            output = await process.StandardOutput.ReadToEndAsync().WaitAsync(ProcessTimeout);
            await process.WaitForExitAsync().WaitAsync(ProcessTimeout);
        }
        finally
        {
            // A hung wwan-sim must not outlive the test run.
            KillIfRunning(process);
        }

        Assert.Equal(0, process.ExitCode);
        foreach (var expected in new[] { "at  ", "sim7600-rndis", "needs-dtr", "silent-port", "slow-port", "gone PATH: the modem re-enumerated as VVVV:PPPP" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }
}
