using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Simulator.Links;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Simulator.Tests;

/// <summary>The modem model's state machines, and the fault script seen through our client.</summary>
public class SimulatedModemTests
{
    [Fact]
    public async Task Registration_SearchesThenRegisters_AndTellsNasClients()
    {
        using var modem = new SimulatedModem(new ModemProfile { SearchTime = TimeSpan.FromMilliseconds(300), RegistersAs = RegistrationState.Roaming });
        var changes = new List<RegistrationState>();
        var registered = new TaskCompletionSource();
        modem.Changed += what =>
        {
            if (what == "registration")
            {
                changes.Add(modem.Registration);
                registered.TrySetResult();
            }
        };

        Assert.Equal(RegistrationState.Searching, modem.Registration);
        await registered.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([RegistrationState.Roaming], changes);
    }

    [Fact]
    public void WrongPins_ConsumeRetriesThenRequireThePuk()
    {
        using var modem = new SimulatedModem(Profiles.Get("pin-locked"));

        Assert.NotNull(modem.VerifyPin("0000"));
        Assert.NotNull(modem.VerifyPin("0000"));
        Assert.NotNull(modem.VerifyPin("0000"));

        Assert.Equal(SimState.PukRequired, modem.Sim.State);
        Assert.NotNull(modem.VerifyPin("1234")); // too late for the PIN
        Assert.Null(modem.UnblockPin("12345678", "4321"));
        Assert.Equal(SimState.Ready, modem.Sim.State);
        Assert.Equal(RegistrationState.Home, modem.Registration);
    }

    [Fact]
    public void Sessions_GetDistinctAddressesAndEndWhenTheRadioGoesOff()
    {
        using var modem = new SimulatedModem(Profiles.Get("default"));

        var first = modem.StartSession("internet", 4).Session!;
        var second = modem.StartSession("internet", 8).Session!;
        Assert.NotEqual(first.Ipv4, second.Ipv4);
        Assert.Null(first.Ipv6);
        Assert.NotNull(second.Ipv6);
        Assert.NotNull(modem.StartSession("ims", 4).Refusal);

        modem.SetOperatingMode(OperatingMode.LowPower);

        Assert.Empty(modem.Sessions);
        Assert.Equal(RegistrationState.NotRegistered, modem.Registration);
    }

    private static async Task<(QmiDevice Device, QmiClient Dms, SimulatedQmiPort Port, Task Serving, CancellationTokenSource Stop)> StartAsync()
    {
        var (host, deviceSide) = InMemoryLink.Create();
        var port = new SimulatedQmiPort(new SimulatedModem(Profiles.Get("default")));
        var stop = new CancellationTokenSource();
        var serving = Task.Run(() => port.ServeAsync(deviceSide, stop.Token));
        // Long enough that a 300 ms delay fault never times out on a busy CI machine; the stop-answering
        // asserts wait for it twice.
        var device = await QmiDevice.OpenAsync(host, new QmiDeviceOptions { RequestTimeout = TimeSpan.FromSeconds(3) });
        return (device, await QmiClient.AllocateAsync(device, "dms", 2), port, serving, stop);
    }

    [Fact]
    public async Task Faults_DelayErrorAndStopAnswering()
    {
        var (device, dms, port, serving, stop) = await StartAsync();
        try
        {
            port.Faults.Add(new QmiFault("dms", "Get Model", QmiFaultKind.Delay, Delay: TimeSpan.FromMilliseconds(300)));
            port.Faults.Add(new QmiFault("dms", "Get Revision", QmiFaultKind.Error, Error: QmiErrors.DeviceNotReady));
            var started = DateTime.UtcNow;

            Assert.Equal(port.Modem.Profile.Model, (await dms.RequestAsync("Get Model"))["Model"]!.AsString());
            Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(250));
            Assert.Equal("DeviceNotReady", (await Assert.ThrowsAsync<QmiErrorException>(() => dms.RequestAsync("Get Revision"))).ErrorName);

            port.Faults.Add(new QmiFault(null, null, QmiFaultKind.StopAnswering));
            await Assert.ThrowsAsync<QmiTimeoutException>(() => dms.RequestAsync("Get IDs"));
            await Assert.ThrowsAsync<QmiTimeoutException>(() => dms.RequestAsync("Get Model"));
        }
        finally
        {
            await device.DisposeAsync();
            await stop.CancelAsync();
            await serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            port.Dispose();
            stop.Dispose();
        }
    }
}
