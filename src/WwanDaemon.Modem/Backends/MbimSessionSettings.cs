using System.Net;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Backends;

/// <summary>MBIM IP Configuration → <see cref="SessionSettings"/>. Pure.</summary>
public static class MbimSessionSettings
{
    public static SessionSettings From(MbimDecodedMessage ip)
    {
        var v4 = (ip["IPv4Address"] as QmiArray)?.Items is [var first4, ..] ? first4 as QmiStruct : null;
        var v6 = (ip["IPv6Address"] as QmiArray)?.Items is [var first6, ..] ? first6 as QmiStruct : null;
        var dns = Addresses(ip["IPv4DnsServer"]).Concat(Addresses(ip["IPv6DnsServer"])).ToArray();
        var mtu = ip["IPv4Mtu"]?.AsInteger() is { } m and > 0 ? (int?)m : null;
        return new SessionSettings(
            Address(v4?["IPv4Address"]), (int)(v4?["OnLinkPrefixLength"].AsInteger() ?? 32), Address(ip["IPv4Gateway"]), dns, mtu,
            Address(v6?["IPv6Address"]), (int)(v6?["OnLinkPrefixLength"].AsInteger() ?? 64), Address(ip["IPv6Gateway"]));
    }

    private static IPAddress? Address(QmiValue? value) =>
        value is QmiString text && IPAddress.TryParse(text.Value, out var address) && !address.Equals(IPAddress.Any) ? address : null;

    private static IEnumerable<IPAddress> Addresses(QmiValue? value) =>
        (value as QmiArray)?.Items.Select(Address).OfType<IPAddress>() ?? [];
}
