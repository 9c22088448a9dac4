namespace WwanDaemon.Network.Dhcp;

/// <summary>
/// The script udhcpc runs at each DHCP event (udhcpc -s). Where Debian's default script
/// (/etc/udhcpc/default.script) configures the interface, this one only records the lease next to
/// itself ("SCRIPT.lease", written to a temporary name and renamed) and exits: the daemon applies or
/// reports the lease itself through rtnetlink, so both IpConfiguration modes work. Events other than
/// bound/renew (deconfig, leasefail, nak) are ignored; udhcpc changes nothing on the interface by itself.
/// </summary>
internal static class UdhcpcHookScript
{
    public const string Text = """
        #!/bin/sh
        # wwan-daemon's udhcpc hook: records the lease, never touches the interface.
        case "$1" in
          bound|renew)
            {
              echo "ip=$ip"
              echo "mask=$mask"
              echo "router=$router"
              echo "dns=$dns"
              echo "mtu=$mtu"
              echo "lease=$lease"
              echo "serverid=$serverid"
              echo "domain=$domain"
            } > "$0.lease.tmp" && mv "$0.lease.tmp" "$0.lease"
            ;;
        esac
        exit 0

        """;

    /// <summary>Writes the script (mode 0700) into <paramref name="directory"/> and returns its path.</summary>
    public static string WriteInto(string directory)
    {
        var path = Path.Combine(directory, "udhcpc-hook");
        File.WriteAllText(path, Text.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("udhcpc hook scripts need a Linux host"); // also tells the platform analyzer
        }
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
