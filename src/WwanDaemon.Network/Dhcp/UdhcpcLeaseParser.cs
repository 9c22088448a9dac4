using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WwanDaemon.Network.Dhcp;

/// <summary>
/// Reads the lease file the hook script writes: one "key=value" line per udhcpc environment variable
/// (busybox networking/udhcp/dhcpc.c, udhcp_run_script / fill_envp): ip, mask (prefix length in bits),
/// router and dns (space-separated lists), mtu, lease (seconds), serverid. Pure.
/// The first line of each key wins: the hook writes free-text options (domain) last, so a server
/// cannot smuggle an "ip=" line in through them.
/// </summary>
public static class UdhcpcLeaseParser
{
    public static DhcpLease Parse(string networkInterface, string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values.TryAdd(line[..equals], line[(equals + 1)..].Trim());
            }
        }
        var address = Address(networkInterface, values, "ip")
            ?? throw new DhcpException($"{networkInterface}: the DHCP lease has no address (udhcpc gave no 'ip'); the server's offer was unusable");
        var prefix = Number(networkInterface, values, "mask") ?? 32;
        if (prefix is < 1 or > 32)
        {
            throw new DhcpException($"{networkInterface}: the DHCP lease has subnet prefix /{prefix}, outside 1..32");
        }
        var routers = List(networkInterface, values, "router");
        var router = routers.Count > 0 ? routers[0] : null;
        var lease = Number(networkInterface, values, "lease");
        return new DhcpLease(address, prefix, router, List(networkInterface, values, "dns"), Number(networkInterface, values, "mtu"),
            lease is { } seconds ? TimeSpan.FromSeconds(seconds) : null, Address(networkInterface, values, "serverid"));
    }

    private static IPAddress? Address(string networkInterface, Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && text.Length > 0 ? ParseIpv4(networkInterface, key, text) : null;

    private static IReadOnlyList<IPAddress> List(string networkInterface, Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text)
            ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(item => ParseIpv4(networkInterface, key, item)).ToArray()
            : [];

    private static int? Number(string networkInterface, Dictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out var text) || text.Length == 0)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new DhcpException($"{networkInterface}: the DHCP lease's {key} '{text}' is not a number");
    }

    private static IPAddress ParseIpv4(string networkInterface, string key, string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork && text.AsSpan().Count('.') == 3
            ? address
            : throw new DhcpException($"{networkInterface}: the DHCP lease's {key} '{text}' is not an IPv4 address");
}
