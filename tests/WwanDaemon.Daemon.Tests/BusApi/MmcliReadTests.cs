namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>
/// Debian's mmcli reading what `wwan-daemon --simulate default` exports on a system-like bus: the
/// simulated SIM7600G-H (MachineProfiles.Sim7600Qmi) connected over QMI with the default profile.
/// </summary>
public sealed class MmcliReadTests(DefaultScenarioDaemon daemon) : IClassFixture<DefaultScenarioDaemon>
{
    private const string Modem = "/org/freedesktop/ModemManager1/Modem/0";

    [Fact]
    public void List_ShowsTheSimulatedModem()
    {
        var output = Mmcli.Succeed(daemon.Address, "-L");

        Assert.Contains($"{Modem} [SIMCOM INCORPORATED] SIMCOM_SIM7600G-H", output);
    }

    [Fact]
    public async Task Modem_ShowsIdentityStatePortsOperatorAndSignal()
    {
        var output = await Mmcli.WaitForStateAsync(daemon.Address, "0", "connected", SimulatedDaemonOnBus.Patience);

        Assert.Equal("SIMCOM INCORPORATED", Mmcli.Field(output, "manufacturer"));
        Assert.Equal("SIMCOM_SIM7600G-H", Mmcli.Field(output, "model"));
        Assert.Equal("LE20B04SIM7600G22", Mmcli.Field(output, "firmware revision"));
        Assert.Equal("862636050123457", Mmcli.Field(output, "equipment id"));
        Assert.Equal("cdc-wdm0", Mmcli.Field(output, "primary port"));
        Assert.Contains("ttyUSB2 (at)", Mmcli.Field(output, "ports")); // the ports line wraps: the rest follows on the next line
        Assert.Contains("cdc-wdm0 (qmi)", output);
        Assert.Contains("wwan0 (net)", output);
        Assert.Contains("qmi_wwan", Mmcli.Field(output, "drivers"));
        Assert.EndsWith("/1-1", Mmcli.Field(output, "device"));
        Assert.Equal("862636050123457", Mmcli.Field(output, "imei"));
        Assert.Equal("00101", Mmcli.Field(output, "operator id"));
        Assert.Equal("Simulated Network", Mmcli.Field(output, "operator name"));
        Assert.Equal("home", Mmcli.Field(output, "registration"));
        Assert.Equal("74% (recent)", Mmcli.Field(output, "signal quality"));
        Assert.Equal("on", Mmcli.Field(output, "power state"));
        Assert.Equal("/org/freedesktop/ModemManager1/SIM/0", Mmcli.Field(output, "primary sim path"));
        Assert.Contains("/org/freedesktop/ModemManager1/Bearer/", Mmcli.Field(output, "paths"));
    }

    [Fact]
    public void Sim_ShowsIccidImsiAndOperator()
    {
        var output = Mmcli.Succeed(daemon.Address, "-i", "0");

        Assert.Equal("89014103211118510720", Mmcli.Field(output, "iccid"));
        Assert.Equal("310410123456789", Mmcli.Field(output, "imsi"));
        Assert.Equal("yes", Mmcli.Field(output, "active"));
    }

    [Fact]
    public async Task Bearer_ShowsInterfaceAndTheIpv4SettingsOfTheSession()
    {
        await Mmcli.WaitForStateAsync(daemon.Address, "0", "connected", SimulatedDaemonOnBus.Patience);
        var bearer = BearerIndex(Mmcli.Succeed(daemon.Address, "-m", "0"));

        var output = Mmcli.Succeed(daemon.Address, "-b", bearer);

        Assert.Equal("yes", Mmcli.Field(output, "connected"));
        Assert.Equal("wwan0", Mmcli.Field(output, "interface"));
        Assert.Equal("internet", Mmcli.Field(output, "apn"));
        Assert.Equal("static", Mmcli.Field(output, "method"));
        Assert.Equal("192.0.2.2", Mmcli.Field(output, "address"));
        Assert.Equal("24", Mmcli.Field(output, "prefix"));
        Assert.Equal("192.0.2.1", Mmcli.Field(output, "gateway"));
        Assert.Equal("192.0.2.53, 192.0.2.54", Mmcli.Field(output, "dns"));
        Assert.Equal("1500", Mmcli.Field(output, "mtu"));
    }

    [Fact]
    public void Unprivileged_CanReadButNotConnect()
    {
        var read = Mmcli.RunAs(daemon.Address, Mmcli.Nobody, "-m", "0");
        Assert.True(read.ExitCode == 0, $"nobody could not read the modem: {read}");
        Assert.Equal("SIMCOM_SIM7600G-H", Mmcli.Field(read.Output, "model"));

        var connect = Mmcli.RunAs(daemon.Address, Mmcli.Nobody, "-m", "0", "--simple-connect=apn=internet");

        Assert.NotEqual(0, connect.ExitCode);
        Assert.Matches("Unauthorized|AccessDenied|not allowed", connect.Error);
        Assert.True(daemon.IsRunning);
    }

    /// <summary>The index N of the first bearer path mmcli -m lists (".../Bearer/N").</summary>
    internal static string BearerIndex(string modemOutput)
    {
        var paths = Mmcli.Field(modemOutput, "paths") ?? throw new InvalidOperationException($"mmcli -m lists no bearer:\n{modemOutput}");
        return paths.Split(',')[0].Trim().Split('/')[^1];
    }
}
