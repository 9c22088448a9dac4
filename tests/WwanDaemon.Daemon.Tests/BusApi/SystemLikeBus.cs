using System.Diagnostics;

namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>
/// A private dbus-daemon with the system bus's default policy (Debian's /usr/share/dbus-1/system.conf:
/// nobody owns names or sends method calls unless a service's policy file allows it) and our policy
/// file from packaging/ included, so the tests meet the same rules an installed daemon does.
/// </summary>
internal sealed class SystemLikeBus : IDisposable
{
    private readonly Process daemon;
    private readonly string directory;

    private SystemLikeBus(Process daemon, string directory, string address)
    {
        this.daemon = daemon;
        this.directory = directory;
        Address = address;
    }

    public string Address { get; }

    /// <summary>packaging/dbus-1/system.d in the repository (found from the test assembly upwards).</summary>
    public static string PolicyDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "packaging", "dbus-1", "system.d");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"packaging/dbus-1/system.d not found above {AppContext.BaseDirectory}");
    }

    public static SystemLikeBus Start()
    {
        var directory = Directory.CreateTempSubdirectory("wwan-sysbus-").FullName;
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101); // 0755: nobody's clients reach the socket
        }
        var socket = Path.Combine(directory, "bus");
        var config = Path.Combine(directory, "bus.conf");
        File.WriteAllText(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>system</type>
              <listen>unix:path={socket}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <deny own="*"/>
                <deny send_type="method_call"/>
                <allow send_type="signal"/>
                <allow send_requested_reply="true" send_type="method_return"/>
                <allow send_requested_reply="true" send_type="error"/>
                <allow receive_type="method_call"/>
                <allow receive_type="method_return"/>
                <allow receive_type="error"/>
                <allow receive_type="signal"/>
                <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
                <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
                <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
              </policy>
              <includedir>{PolicyDirectory()}</includedir>
            </busconfig>
            """);
        var daemon = Process.Start(new ProcessStartInfo("dbus-daemon", ["--config-file=" + config, "--nofork", "--print-address"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("dbus-daemon did not start");
        var address = daemon.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"dbus-daemon printed no address: {daemon.StandardError.ReadToEnd()}");
        return new SystemLikeBus(daemon, directory, address.Trim());
    }

    public void Dispose()
    {
        daemon.Kill(entireProcessTree: true);
        daemon.WaitForExit(5000);
        daemon.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
