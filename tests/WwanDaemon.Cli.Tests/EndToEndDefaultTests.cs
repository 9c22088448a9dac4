using System.Text.Json;
using WwanDaemon.Cli.Commands;

namespace WwanDaemon.Cli.Tests;

/// <summary>
/// wwanctl against the real daemon (--simulate default) on a private bus: a person's
/// session from reading to disconnecting and connecting again. Tests in this class run one at a time
/// on one daemon; each leaves the modem connected.
/// </summary>
public sealed class EndToEndDefaultTests(DefaultDaemon daemon) : IClassFixture<DefaultDaemon>
{
    private static readonly string Patience = ((int)DaemonOnBus.Patience.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private (int Exit, string Output, string Error) Wwan(params string[] args) => Wwanctl.Run(["--bus", daemon.Address, .. args]);

    private static void Ok((int Exit, string Output, string Error) result) =>
        Assert.True(result.Exit == 0, $"exit {result.Exit}\nstdout: {result.Output}\nstderr: {result.Error}");

    [Fact]
    public void ListStatusDiagnose_ConnectedModemReadFromTheDaemon()
    {
        Ok(Wwan("wait", "--state", "connected", "--timeout", Patience));

        var list = Wwan("list");
        var listJson = JsonDocument.Parse(Wwan("list", "--json").Output).RootElement;
        var status = Wwan("status");
        var statusJson = JsonDocument.Parse(Wwan("status", "--json").Output).RootElement;
        var id = listJson.GetProperty("modems")[0].GetProperty("id").GetString()!;

        Ok(list);
        Assert.Contains("[connected]", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, listJson.GetProperty("modems")[0].GetProperty("index").GetInt32());
        Assert.False(string.IsNullOrEmpty(id));
        Ok(status);
        Assert.Contains("state:          connected", status.Output, StringComparison.Ordinal);
        Assert.Contains("IPv4 address:", status.Output, StringComparison.Ordinal);
        Assert.Equal("connected", statusJson.GetProperty("state").GetString());
        Assert.Equal("none", statusJson.GetProperty("sim").GetProperty("lock").GetString());
        Assert.False(string.IsNullOrEmpty(statusJson.GetProperty("bearer").GetProperty("interface").GetString()));
        Assert.False(string.IsNullOrEmpty(statusJson.GetProperty("bearer").GetProperty("ipv4").GetProperty("address").GetString()));
        Assert.NotEmpty(statusJson.GetProperty("ports").EnumerateArray());
        // The same modem by Id and by object path.
        Assert.Equal("connected", JsonDocument.Parse(Wwan("status", id, "--json").Output).RootElement.GetProperty("state").GetString());
        Assert.Equal(id, JsonDocument.Parse(Wwan("status", "/org/freedesktop/ModemManager1/Modem/0", "--json").Output).RootElement.GetProperty("id").GetString());

        var diagnose = Wwan("diagnose");
        var diagnoseJson = JsonDocument.Parse(Wwan("diagnose", "--json").Output).RootElement;
        var modemDiagnosis = JsonDocument.Parse(Wwan("diagnose", "--modem", "0", "--json").Output).RootElement;

        Ok(diagnose);
        Assert.StartsWith("== ", diagnose.Output, StringComparison.Ordinal);
        Assert.NotEmpty(diagnoseJson.GetProperty("devices").EnumerateArray());
        Assert.Single(modemDiagnosis.GetProperty("devices").EnumerateArray());
    }

    [Fact]
    public async Task DisconnectThenConnect_WatchSeesTheStatesWaitReturns()
    {
        Ok(Wwan("wait", "--state", "connected", "--timeout", Patience));
        using var stopWatching = new CancellationTokenSource();
        var subscribed = new TaskCompletionSource();
        var watched = new LiveOutput();
        var watch = Wwanctl.Start(subscribed, ["--bus", daemon.Address, "watch", "--json"], watched, stopWatching.Token);
        await subscribed.Task.WaitAsync(DaemonOnBus.Patience);

        var disconnect = Wwan("disconnect");
        var registered = Wwan("wait", "0", "--state", "registered", "--timeout", Patience);
        try
        {
            // watch has its own connection: the signal may reach it after wait returned. Stop it once it printed the state.
            await watched.WaitForLineAsync(IsRegisteredEvent, "watch prints the state registered", DaemonOnBus.Patience);
        }
        finally
        {
            stopWatching.Cancel(); // also when the line never came: the watch must not outlive the test
        }
        var (watchExit, watchOutput, watchError) = await watch.WaitAsync(DaemonOnBus.Patience);

        Ok(disconnect);
        Assert.Contains("modem 0", disconnect.Output, StringComparison.Ordinal);
        Assert.Contains(": disconnected", disconnect.Output, StringComparison.Ordinal);
        Ok(registered);
        Assert.True(watchExit == 0, watchError);
        var events = watchOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Contains(events, IsRegisteredEvent);
        Assert.Equal("registered", JsonDocument.Parse(Wwan("status", "--json").Output).RootElement.GetProperty("state").GetString());

        var connect = Wwan("connect", "--apn", "internet");
        Ok(connect);
        Assert.Contains("connected", connect.Output, StringComparison.Ordinal);
        Assert.Contains("interface:", connect.Output, StringComparison.Ordinal);
        Assert.Contains("IPv4 address:", connect.Output, StringComparison.Ordinal);
        Ok(Wwan("wait", "--state", "connected", "--timeout", Patience));
    }

    private static bool IsRegisteredEvent(JsonElement e) => e.GetProperty("event").GetString() == "state" && e.GetProperty("new").GetString() == "registered";

    private static bool IsRegisteredEvent(string line) => IsRegisteredEvent(JsonDocument.Parse(line).RootElement);

    [Fact]
    public async Task WatchCount_StopsAfterThatManyEvents()
    {
        Ok(Wwan("wait", "--state", "connected", "--timeout", Patience));
        var subscribed = new TaskCompletionSource();
        var watch = Wwanctl.Start(subscribed, ["--bus", daemon.Address, "watch", "0", "--count", "1"], CancellationToken.None);
        await subscribed.Task.WaitAsync(DaemonOnBus.Patience);

        Ok(Wwan("disconnect"));
        var (exit, output, error) = await watch.WaitAsync(DaemonOnBus.Patience);
        Ok(Wwan("connect", "--apn", "internet"));

        Assert.True(exit == 0, error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("modem 0 (", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Wait_StateNotReached_ExitOneWithTheLastStateAndReason()
    {
        Ok(Wwan("wait", "--state", "connected", "--timeout", Patience));

        var (exit, _, error) = Wwan("wait", "--state", "disabled", "--timeout", "1");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("timed out after 1 s waiting for disabled: modem 0 (", error, StringComparison.Ordinal);
        Assert.Contains(") is connected", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownModem_ExitTwoListingTheModems()
    {
        var (exit, _, error) = Wwan("status", "7");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("no modem '7'; the modems are", error, StringComparison.Ordinal);
        Assert.Contains("/org/freedesktop/ModemManager1/Modem/0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadApn_RefusedBeforeSending()
    {
        var (exit, _, error) = Wwan("connect", "--apn", "inter net");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--apn: U+0020 at position 6", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AsNobody_ReadingWorksControlIsNotAllowed()
    {
        string[] nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

        var list = Wwanctl.RunProcessAs(nobody, "--bus", daemon.Address, "list");
        var disconnect = Wwanctl.RunProcessAs(nobody, "--bus", daemon.Address, "disconnect");

        Ok(list);
        Assert.Contains("modem", list.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ExitCodes.NotAllowed, disconnect.Exit);
        Assert.Equal("wwanctl: not allowed: run as root or as a member of group netdev\n", disconnect.Error);
    }
}
