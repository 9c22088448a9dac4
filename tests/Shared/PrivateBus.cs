using System.Diagnostics;

namespace WwanDaemon.Tests;

/// <summary>A real dbus-daemon on a socket in a temporary directory, killed and removed on dispose.</summary>
internal sealed class PrivateBus : IDisposable
{
    private readonly Process daemon;
    private readonly string directory;

    private PrivateBus(Process daemon, string directory, string address)
    {
        this.daemon = daemon;
        this.directory = directory;
        Address = address;
    }

    public string Address { get; }

    public static PrivateBus Start()
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
              <type>custom</type>
              <listen>unix:path={socket}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*"/>
                <allow receive_sender="*"/>
              </policy>
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
