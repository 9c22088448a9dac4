using WwanDaemon.Cli.Commands;
using WwanDaemon.Cli.Live;
using WwanDaemon.DBus.Client;

namespace WwanDaemon.Cli.Tests;

/// <summary>D-Bus error names become messages a person can act on, with distinct exit statuses.</summary>
public sealed class DaemonErrorsTests
{
    private const string Call = "org.freedesktop.ModemManager1.Sim.SendPin on org.wwandaemon.WwanDaemon1 /org/freedesktop/ModemManager1/SIM/0: ";

    [Theory]
    [InlineData("org.freedesktop.DBus.Error.ServiceUnknown", "The name is not activatable", ExitCodes.Unavailable,
        "wwan-daemon is not running on unix:path=/tmp/b (start it: systemctl start wwan-daemon)")]
    [InlineData("org.freedesktop.ModemManager1.Error.Core.Unauthorized", "uid 65534 may not", ExitCodes.NotAllowed,
        "not allowed: run as root or as a member of group netdev")]
    [InlineData("org.freedesktop.DBus.Error.AccessDenied", "Rejected send message", ExitCodes.NotAllowed,
        "not allowed: run as root or as a member of group netdev")]
    [InlineData("org.freedesktop.DBus.Error.InvalidArgs", "ip-type 9 is not an MMBearerIpFamily", ExitCodes.Usage,
        "ip-type 9 is not an MMBearerIpFamily")]
    [InlineData("org.freedesktop.ModemManager1.Error.MobileEquipment.IncorrectPassword", "Incorrect password", ExitCodes.Failure, "wrong PIN")]
    [InlineData("org.freedesktop.ModemManager1.Error.Core.WrongState", "modem is not registered", ExitCodes.Failure,
        "modem is not registered (Core.WrongState)")]
    public void Map_ErrorName_MessageAndExitStatus(string name, string daemonMessage, int exit, string message)
    {
        var error = DaemonErrors.Map(new DBusException(name, Call + daemonMessage), "unix:path=/tmp/b");

        Assert.Equal(exit, error.ExitCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Map_WrongPinWithTriesKnown_SaysHowManyAreLeft()
    {
        var failure = new DBusException("org.freedesktop.ModemManager1.Error.MobileEquipment.IncorrectPassword", Call + "Incorrect password");

        Assert.Equal("wrong PIN (2 tries left)", DaemonErrors.Map(failure, "the system bus", 2).Message);
        Assert.Equal("wrong PIN (1 try left)", DaemonErrors.Map(failure, "the system bus", 1).Message);
    }

    [Fact]
    public void Map_NoBus_UnavailableWithTheReason()
    {
        var error = DaemonErrors.Map(new DBusException(null, "D-Bus: could not connect to unix:path=/x: No such file or directory (errno 2)"), "unix:path=/x");

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        Assert.Equal("could not connect to unix:path=/x: No such file or directory (errno 2)", error.Message);
    }

    [Fact]
    public void Run_BusMissing_ExitUnavailableNamingIt()
    {
        var (exit, _, error) = Wwanctl.Run("--bus", "unix:path=/nonexistent/wwan-bus", "list");

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("could not connect to unix:path=/nonexistent/wwan-bus", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BusWithoutDaemon_SaysTheDaemonIsNotRunning()
    {
        using var bus = PrivateBus.Start();

        var (exit, _, error) = Wwanctl.Run("status", "--bus", bus.Address);

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Equal($"wwanctl: wwan-daemon is not running on {bus.Address} (start it: systemctl start wwan-daemon)\n", error);
    }

    [Fact]
    public void Wait_DaemonNeverStarts_TimesOutSayingSo()
    {
        using var bus = PrivateBus.Start();

        var (exit, _, error) = Wwanctl.Run("wait", "--state", "connected", "--timeout", "1", "--bus", bus.Address);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("timed out after 1 s waiting for connected: wwan-daemon is not running on", error, StringComparison.Ordinal);
    }
}
