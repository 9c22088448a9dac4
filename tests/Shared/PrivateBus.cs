using System.Diagnostics;

namespace WwanDaemon.Tests;

/// <summary>
/// A real dbus-daemon on a socket in a temporary directory, killed and removed on dispose. By default
/// everyone may own and call anything; <see cref="StartSystemLike"/> gives the system bus's default
/// policy with a service's policy files included instead.
/// </summary>
internal sealed class PrivateBus : IDisposable
{
    private const string OpenPolicy = """
          <type>custom</type>
          <policy context="default">
            <allow user="*"/>
            <allow own="*"/>
            <allow send_destination="*"/>
            <allow receive_sender="*"/>
          </policy>
        """;

    // Debian's /usr/share/dbus-1/system.conf default context: nobody owns names or sends method calls
    // unless a service's policy file (system.d) allows it; replies, signals and the bus driver are open.
    private const string SystemPolicy = """
          <type>system</type>
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
        """;

    private readonly Process daemon;
    private readonly string directory;

    private PrivateBus(Process daemon, string directory, string address)
    {
        this.daemon = daemon;
        this.directory = directory;
        Address = address;
    }

    public string Address { get; }

    /// <summary>A bus where everyone may own and call anything.</summary>
    public static PrivateBus Start() => Start(OpenPolicy);

    /// <summary>A bus with the system bus's default policy and every policy file in <paramref name="policyDirectory"/> included (packaging/dbus-1/system.d when null).</summary>
    public static PrivateBus StartSystemLike(string? policyDirectory = null) =>
        Start(SystemPolicy + $"  <includedir>{policyDirectory ?? PackagedPolicyDirectory()}</includedir>\n");

    /// <summary>packaging/dbus-1/system.d in the repository (found from the test assembly upwards).</summary>
    public static string PackagedPolicyDirectory()
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

    private static PrivateBus Start(string policy)
    {
        var directory = Directory.CreateTempSubdirectory("wwan-bus-").FullName;
        // Other users (tests run clients as nobody) must reach the socket inside.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var socket = Path.Combine(directory, "bus");
        var config = Path.Combine(directory, "bus.conf");
        File.WriteAllText(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <listen>unix:path={socket}</listen>
              <auth>EXTERNAL</auth>
            {policy}
            </busconfig>
            """);
        var daemon = Process.Start(new ProcessStartInfo("dbus-daemon", ["--config-file=" + config, "--nofork", "--print-address"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("dbus-daemon did not start");
        var address = daemon.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"dbus-daemon printed no address: {daemon.StandardError.ReadToEnd()}");
        return new PrivateBus(daemon, directory, address.Trim());
    }

    public void Dispose()
    {
        daemon.Kill(entireProcessTree: true);
        daemon.WaitForExit(5000);
        daemon.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
