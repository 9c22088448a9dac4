using WwanDaemon.Cli.Commands;
using WwanDaemon.Cli.Live;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.Cli.Tests;

/// <summary>The live commands' arguments: parsed and validated before anything touches a bus.</summary>
public sealed class LiveArgumentsTests
{
    [Theory]
    [InlineData(new[] { "connect" }, "connect needs --apn APN")]
    [InlineData(new[] { "connect", "--apn", "my apn" }, "--apn: U+0020 at position 3 is not allowed in an APN")]
    [InlineData(new[] { "connect", "--apn", "internet;rm" }, "--apn: ';' at position 9")]
    [InlineData(new[] { "connect", "--apn", ".internet" }, "--apn: an APN's labels are joined by single dots")]
    [InlineData(new[] { "connect", "--apn", "internet", "--ip-type", "ipv5" }, "--ip-type: 'ipv5' is not one of ipv4, ipv6, ipv4v6.")]
    [InlineData(new[] { "connect", "--apn", "internet", "--pin", "12" }, "--pin: a PIN is 4 to 8 digits.")]
    [InlineData(new[] { "connect", "--apn", "internet", "--password", "x" }, "--password needs --user too.")]
    [InlineData(new[] { "connect", "--apn", "internet", "--auth", "kerberos" }, "--auth: 'kerberos' is not")]
    [InlineData(new[] { "connect", "--apn" }, "--apn needs a value.")]
    [InlineData(new[] { "pin" }, "pin needs the PIN")]
    [InlineData(new[] { "pin", "12a4" }, "PIN: a PIN is 4 to 8 digits.")]
    [InlineData(new[] { "pin", "123456789" }, "PIN: a PIN is 4 to 8 digits.")]
    [InlineData(new[] { "pin", "0", "1234", "extra" }, "too many arguments")]
    [InlineData(new[] { "wait" }, "wait needs --state")]
    [InlineData(new[] { "wait", "--state", "online" }, "--state: 'online' is not a modem state")]
    [InlineData(new[] { "wait", "--state", "connected", "--timeout", "-3" }, "--timeout: '-3' is not a positive number")]
    [InlineData(new[] { "watch", "--count", "0" }, "--count: '0' is not a positive whole number.")]
    [InlineData(new[] { "list", "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "status", "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "status", "0", "1" }, "too many arguments")]
    [InlineData(new[] { "--bus" }, "--bus needs an address")]
    public void LiveCommand_BadArguments_ExitTwoNamingTheFieldWithoutTouchingTheBus(string[] args, string message)
    {
        // --bus points nowhere: validation must fail first, so no connection error can appear.
        var (exit, output, error) = Wwanctl.Run([.. args, .. args is ["--bus"] ? Array.Empty<string>() : ["--bus", "unix:path=/nonexistent/bus"]]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void PinStdin_BadPin_NamesStandardInput()
    {
        var (exit, _, error) = Wwanctl.RunWithInput("12\n", "pin", "--pin-stdin", "--bus", "unix:path=/nonexistent/bus");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("PIN (standard input): a PIN is 4 to 8 digits.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_Properties_UseModemManagerKeysAndTypes()
    {
        var parsed = CommandArguments.Parse(
            ["--apn", "internet", "--ip-type", "ipv4v6", "--user", "u", "--password", "p", "--auth", "pap,chap", "--allow-roaming", "--pin", "1234"],
            ["--apn", "--ip-type", "--user", "--password", "--auth", "--pin"], ["--allow-roaming"], 1, out _)!;

        var properties = ConnectCommand.Properties(parsed).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal(DBusValue.String("internet"), properties["apn"]);
        Assert.Equal(DBusValue.UInt32(4), properties["ip-type"]); // MM_BEARER_IP_FAMILY_IPV4V6
        Assert.Equal(DBusValue.String("u"), properties["user"]);
        Assert.Equal(DBusValue.String("p"), properties["password"]);
        Assert.Equal(DBusValue.UInt32(0b110), properties["allowed-auth"]); // PAP | CHAP
        Assert.Equal(DBusValue.Boolean(true), properties["allow-roaming"]);
        Assert.Equal(DBusValue.String("1234"), properties["pin"]);
    }

    [Fact]
    public void Connect_OnlyApn_SendsApnAndRefusesRoaming()
    {
        var parsed = CommandArguments.Parse(["--apn=internet"], ["--apn"], [], 1, out _)!;

        var properties = ConnectCommand.Properties(parsed).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal(["apn", "allow-roaming"], properties.Keys);
        Assert.Equal(DBusValue.Boolean(false), properties["allow-roaming"]); // the daemon's default would allow it
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--json" }, true)]
    [InlineData(new[] { "--modem", "1-6" }, true)]
    [InlineData(new[] { "--bus", "unix:path=/x" }, true)]
    [InlineData(new[] { "dump.txt" }, false)]
    [InlineData(new[] { "-" }, false)]
    [InlineData(new[] { "--sysfs", "/sys" }, false)]
    [InlineData(new[] { "--sample", "seed-004", "--json" }, false)]
    [InlineData(new[] { "--demo" }, false)]
    [InlineData(new[] { "--policy", "keep", "dump.txt" }, false)]
    [InlineData(new[] { "--help" }, false)]
    [InlineData(new[] { "dump.txt", "--bus", "unix:path=/x" }, false)]
    [InlineData(new[] { "--bus", "unix:path=/x", "--sysfs", "/sys" }, false)]
    [InlineData(new[] { "--modem", "0", "--json" }, true)]
    public void Diagnose_WithoutInput_AsksTheDaemon(string[] args, bool live)
    {
        Assert.Equal(live, LiveDiagnoseCommand.IsLive(args));
    }

    [Fact]
    public void Diagnose_WithAnOfflineInput_IgnoresTheGlobalBus()
    {
        // Before: the global --bus was handed to diagnose, which then took the daemon's path and refused the input.
        var (exit, output, error) = Wwanctl.Run("--bus", "unix:path=/nonexistent/bus", "diagnose", "--demo");

        Assert.True(exit == 0, error);
        Assert.Contains("03f0:581d", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalBus_WithoutAnAddress_IsAUsageError()
    {
        var (exit, _, error) = Wwanctl.Run("--bus");

        Assert.Equal(2, exit);
        Assert.Contains("--bus needs an address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryCommandAndTheSimulatedDaemon()
    {
        var (exit, output, _) = Wwanctl.Run("--help");

        Assert.Equal(0, exit);
        foreach (var command in new[] { "list", "status", "connect", "disconnect", "pin", "watch", "wait", "diagnose", "samples", "--bus ADDRESS" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
        Assert.Contains("wwan-daemon --simulate default", output, StringComparison.Ordinal);
        Assert.Contains("DBUS_SYSTEM_BUS_ADDRESS", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list", "wwanctl list --json")]
    [InlineData("status", "wwanctl status 1-6 --json")]
    [InlineData("connect", "wwanctl connect --apn internet")]
    [InlineData("disconnect", "wwanctl disconnect")]
    [InlineData("pin", "--pin-stdin")]
    [InlineData("watch", "--count N")]
    [InlineData("wait", "wwanctl wait --state connected --timeout 120")]
    [InlineData("diagnose", "wwanctl diagnose --modem 1-6")]
    public void CommandHelp_HasOptionsAndExamples(string command, string example)
    {
        var (exit, output, _) = Wwanctl.Run(command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains(example, output, StringComparison.Ordinal);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "watch" }, "watch")]
    [InlineData(new[] { "--bus", "unix:path=/x", "wait", "--state", "connected" }, "wait")]
    [InlineData(new[] { "--bus=unix:path=/x", "connect", "--apn", "wait" }, "connect")]
    [InlineData(new[] { "--bus" }, null)]
    public void CommandName_SkipsTheGlobalBusOption(string[] args, string? command)
    {
        Assert.Equal(command, Program.CommandName(args));
    }
}
