using System.Globalization;
using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Fleet;
using static WwanDaemon.BusApi.Objects.Declare;

namespace WwanDaemon.BusApi.Objects;

/// <summary>
/// org.freedesktop.ModemManager1.Bearer on …/Bearer/N: the data session with its settings; while it
/// is the modem's connected session, the interface and the IP settings the network gave.
/// </summary>
internal static class BearerInterfaces
{
    public static IReadOnlyList<DBusInterface> Build(ModemEntry entry, BearerEntry bearer, ModemManagerApi api)
    {
        bool Connected() => IsConnected(entry, bearer);
        return
        [
            new DBusInterface(BusNames.BearerInterface,
                [
                    new DBusMethod("Connect", "", "", call =>
                        api.CommandAsync(call, entry, (commands, id, token) => commands.ConnectAsync(id, bearer.Settings, token))),
                    new DBusMethod("Disconnect", "", "", call =>
                        Connected() ? api.CommandAsync(call, entry, (commands, id, token) => commands.DisconnectAsync(id, token)) : NotConnected(call, api)),
                ],
                [
                    Read("Interface", "s", () => Text(Connected() ? entry.Latest.Ip?.Interface : null)),
                    Read("Connected", "b", () => DBusValue.Boolean(Connected())),
                    Read("ConnectionError", "(ss)", () => ConnectionError(entry, bearer)),
                    Read("Suspended", "b", () => DBusValue.Boolean(false)),
                    Read("Multiplexed", "b", () => DBusValue.Boolean(false)),
                    Read("Ip4Config", "a{sv}", () => Connected() ? Ip4Config(entry.Latest.Ip) : NoIpConfig()),
                    Read("Ip6Config", "a{sv}", () => Connected() ? Ip6Config(entry.Latest.Ip) : NoIpConfig()),
                    Read("Stats", "a{sv}", () => Stats(entry.Latest, Connected())),
                    Read("ReloadStatsSupported", "b", () => DBusValue.Boolean(false)),
                    Read("IpTimeout", "u", () => DBusValue.UInt32(20)),
                    Read("BearerType", "u", () => DBusValue.UInt32(ModemManagerNumbers.BearerTypeDefault)),
                    Read("ProfileId", "i", () => DBusValue.Int32(-1)),
                    Read("Properties", "a{sv}", () => ConnectSettings.Describe(bearer.Settings)),
                ],
                []),
        ];
    }

    private static async ValueTask<IReadOnlyList<DBusValue>> NotConnected(DBusCall call, ModemManagerApi api)
    {
        await api.AuthorizeAsync(call).ConfigureAwait(false);
        return []; // disconnecting a bearer that is not connected is no error
    }

    /// <summary>This bearer is the modem's session: the modem is connected with its settings.</summary>
    private static bool IsConnected(ModemEntry entry, BearerEntry bearer) =>
        entry.Latest is { State: ModemState.Connected, Connection: { } session } && ModemEntry.SameSettings(session, bearer.Settings);

    private static DBusValue ConnectionError(ModemEntry entry, BearerEntry bearer) =>
        entry.Latest.LastConnectionError is { } error && entry.Bearer == bearer && !IsConnected(entry, bearer)
            ? DBusValue.Struct(DBusValue.String(ModemManagerErrors.NoCarrier), DBusValue.String(error))
            : DBusValue.Struct(DBusValue.String(""), DBusValue.String(""));

    /// <summary>Ip4Config: method, address, prefix, gateway, dns1..3, mtu (keys and types of the Bearer XML).</summary>
    public static DBusValue Ip4Config(IpConfigurationReport? ip)
    {
        if (ip?.Address is null)
        {
            return NoIpConfig();
        }
        var entries = new List<KeyValuePair<string, DBusValue>> { KeyValuePair.Create("method", DBusValue.UInt32(ModemManagerNumbers.IpMethod(ip.Method))) };
        var (address, prefix) = SplitCidr(ip.Address);
        entries.Add(KeyValuePair.Create("address", DBusValue.String(address)));
        if (prefix is { } length)
        {
            entries.Add(KeyValuePair.Create("prefix", DBusValue.UInt32(length)));
        }
        if (ip.Gateway is { } gateway)
        {
            entries.Add(KeyValuePair.Create("gateway", DBusValue.String(gateway)));
        }
        AddDns(entries, ip.Dns.Where(d => !d.Contains(':', StringComparison.Ordinal)));
        if (ip.Mtu is { } mtu)
        {
            entries.Add(KeyValuePair.Create("mtu", DBusValue.UInt32((uint)mtu)));
        }
        return DBusValue.StringVariantDictionary(entries);
    }

    private static DBusValue Ip6Config(IpConfigurationReport? ip)
    {
        if (ip?.Ipv6Address is not { } cidr)
        {
            return NoIpConfig();
        }
        var (address, prefix) = SplitCidr(cidr);
        var entries = new List<KeyValuePair<string, DBusValue>>
        {
            KeyValuePair.Create("method", DBusValue.UInt32(ModemManagerNumbers.IpMethod(ip.Method))),
            KeyValuePair.Create("address", DBusValue.String(address)),
        };
        if (prefix is { } length)
        {
            entries.Add(KeyValuePair.Create("prefix", DBusValue.UInt32(length)));
        }
        if (ip.Ipv6Gateway is { } gateway)
        {
            entries.Add(KeyValuePair.Create("gateway", DBusValue.String(gateway)));
        }
        AddDns(entries, ip.Dns.Where(d => d.Contains(':', StringComparison.Ordinal)));
        return DBusValue.StringVariantDictionary(entries);
    }

    /// <summary>No settings for this family: method unknown (0), which libmm-glib requires in every IP config dictionary.</summary>
    private static DBusValue NoIpConfig() => DBusValue.StringVariantDictionary([KeyValuePair.Create("method", DBusValue.UInt32(0))]);

    private static void AddDns(List<KeyValuePair<string, DBusValue>> entries, IEnumerable<string> servers)
    {
        var n = 1;
        foreach (var server in servers.Take(3))
        {
            entries.Add(KeyValuePair.Create("dns" + n++.ToString(CultureInfo.InvariantCulture), DBusValue.String(server)));
        }
    }

    private static (string Address, uint? Prefix) SplitCidr(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 || !uint.TryParse(cidr[(slash + 1)..], CultureInfo.InvariantCulture, out var prefix)
            ? (slash < 0 ? cidr : cidr[..slash], null)
            : (cidr[..slash], prefix);
    }

    /// <summary>Stats: the session's duration and start date (bytes are not counted by the daemon).</summary>
    private static DBusValue Stats(ModemSnapshot modem, bool connected)
    {
        if (!connected || modem.ConnectedSince is not { } since)
        {
            return EmptyDictionary();
        }
        var duration = (uint)Math.Max(0, (DateTimeOffset.UtcNow - since).TotalSeconds);
        return DBusValue.StringVariantDictionary(
        [
            KeyValuePair.Create("duration", DBusValue.UInt32(duration)),
            KeyValuePair.Create("start-date", DBusValue.UInt64((ulong)Math.Max(0, since.ToUnixTimeSeconds()))),
        ]);
    }
}
