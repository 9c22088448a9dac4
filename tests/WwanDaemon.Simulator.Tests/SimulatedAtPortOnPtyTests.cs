using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Parsers;
using WwanDaemon.Linux.Sysfs;
using WwanDaemon.Linux.Terminals;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Sysfs;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// The simulated AT port on a real pseudo-terminal, driven by the daemon's own serial stack
/// (SerialPort, AtChannel, parsers): DTR by the pty convention of WwanDaemon.Linux, and the hang-up a
/// re-enumeration causes, as wwan-sim serves them.
/// </summary>
public class SimulatedAtPortOnPtyTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task Pty_IdentityAndPinFlow_ReadTheModelsState()
    {
        await using var pty = new AtPortOnPty(new SimulatedAtPort(new SimulatedModem(Profiles.Get("pin-locked"))));
        using var serial = SerialPort.Open(pty.SlavePath);
        await using var channel = AtChannel.Open(serial.Stream, new AtChannelOptions { Name = pty.SlavePath, CommandTimeout = Generous });
        var modem = pty.Port.Modem;

        Assert.Equal(modem.Profile.Imei, IdentityParsers.ParseSerialNumber((await channel.SendAsync(AtCommand.Execute("+CGSN"))).Lines));
        Assert.Equal(SimLockState.SimPin, SimParsers.ParsePinState((await channel.SendAsync(AtCommand.Read("+CPIN"))).Lines));
        Assert.False((await channel.SendAsync(AtCommand.Set("+CPIN", AtArgument.Pin("9999")))).IsOk);
        Assert.Equal(modem.Sim.PinRetries, SimParsers.ParseCpinr((await channel.SendAsync(AtCommand.Execute("+CPINR"))).Lines).Pin1);
        Assert.True((await channel.SendAsync(AtCommand.Set("+CPIN", AtArgument.Pin(modem.Profile.Sim.Pin)))).IsOk);
        Assert.True(RegistrationParsers.ParseRead((await channel.SendAsync(AtCommand.Read("+CEREG"))).Lines).IsRegistered);
        Assert.Equal(0, pty.Port.HandlerFailures);
    }

    [Fact]
    public async Task Pty_NeedsDtr_AnswersOnlyWhileTheHostHoldsDtrHigh()
    {
        await using var pty = new AtPortOnPty(AtPortProfiles.Create("needs-dtr"));
        using var serial = SerialPort.Open(pty.SlavePath);
        await using var channel = AtChannel.Open(serial.Stream, new AtChannelOptions { Name = pty.SlavePath, CommandTimeout = Generous });

        Assert.Equal(ModemControlOutcome.EmulatedWithLineSpeed, serial.SetDataTerminalReady(false));
        await Assert.ThrowsAsync<AtTimeoutException>(() => channel.SendAsync(AtCommand.Attention.WithTimeout(ShortTimeout)));
        // Raise DTR only once the port has really ignored "AT" (see SimulatedAtPortBehaviourTests).
        using (var limit = new CancellationTokenSource(Generous))
        {
            while (pty.Port.LinesIgnored != 1)
            {
                await Task.Delay(10, limit.Token);
            }
        }
        serial.SetDataTerminalReady(true);
        var answered = await channel.SendAsync(AtCommand.Execute("+CGMM"));

        Assert.Equal(pty.Port.Modem.Profile.Model, IdentityParsers.ParseModel(answered.Lines));
        Assert.Equal(1, pty.Port.LinesIgnored);
    }

    [Fact]
    public async Task Pty_Sim7600CompositionSwitch_HangsUpThePortAndRewritesSysfs()
    {
        var root = Path.Combine(Path.GetTempPath(), "sim7600-pty-" + Guid.NewGuid().ToString("N"));
        try
        {
            var port = AtPortProfiles.Create("sim7600-rndis");
            using var usb = new SimulatedUsbDevice(new FakeSysfsTree(root), port.Modem, "2-1");
            await using var pty = new AtPortOnPty(port);
            using var serial = SerialPort.Open(pty.SlavePath);
            await using var channel = AtChannel.Open(serial.Stream, new AtChannelOptions { Name = pty.SlavePath, CommandTimeout = Generous });

            var switched = await channel.SendAsync(AtCommand.Set("+CUSBPIDSWITCH", AtArgument.Token("9001", "pid"), AtArgument.Number(1), AtArgument.Number(1)));
            var gone = await Assert.ThrowsAsync<AtPortGoneException>(() => channel.SendAsync(AtCommand.Attention));

            Assert.True(switched.IsOk);
            Assert.IsType<PortGoneException>(gone.InnerException);
            Assert.Equal(0x9001, new SysfsUsbReader(root).Read("2-1").ProductId);
            Assert.Equal("qmi_wwan", new SysfsUsbReader(root).Read("2-1").Active!.Describing(5)!.Driver);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A port served on a pty as wwan-sim serves it: DTR read through the master, the pty closed when the port leaves.</summary>
    private sealed class AtPortOnPty : IAsyncDisposable
    {
        private readonly PseudoTerminal terminal = PseudoTerminal.Open();
        private readonly CancellationTokenSource stop = new();
        private readonly Task serving;

        public AtPortOnPty(SimulatedAtPort port)
        {
            Port = port;
            port.DtrRaised = () => terminal.HostRaisedDtr;
            serving = Task.Run(async () =>
            {
                await port.ServeAsync(terminal.Master, stop.Token);
                if (port.GoneBecause is not null)
                {
                    terminal.Dispose(); // the tty vanishes with the USB device: clients read EIO
                }
            });
        }

        public SimulatedAtPort Port { get; }

        public string SlavePath => terminal.SlavePath;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await serving.WaitAsync(Generous);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // stopping is how serving ends
            }
            terminal.Dispose();
            stop.Dispose();
            Port.Modem.Dispose();
        }
    }
}
