using System.Net;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Backends;

/// <summary>WDS Get Current Settings → <see cref="SessionSettings"/>; WDS Packet Service Status → drop. Pure.</summary>
public static class QmiSessionSettings
{
    public static SessionSettings From(QmiDecodedMessage settings)
    {
        var address = Ipv4(settings["IPv4 Address"]);
        var mask = Ipv4(settings["IPv4 Gateway Subnet Mask"]);
        var dns = new[] { Ipv4(settings["Primary IPv4 DNS Address"]), Ipv4(settings["Secondary IPv4 DNS Address"]) }.OfType<IPAddress>().ToArray();
        var prefix = mask is null ? 32 : PrefixLength(mask);
        var mtu = settings["MTU"]?.AsInteger() is { } value and > 0 ? (int?)value : null;
        return new SessionSettings(address, prefix, Ipv4(settings["IPv4 Gateway Address"]), dns, mtu);
    }

    /// <summary>QMI carries IPv4 addresses as a uint32 in host order of the address's text (a.b.c.d = a&lt;&lt;24 | ...).</summary>
    private static IPAddress? Ipv4(QmiValue? value) => value?.AsInteger() is { } number and not 0
        ? new IPAddress(new[] { (byte)(number >> 24), (byte)(number >> 16), (byte)(number >> 8), (byte)number })
        : null;

    private static int PrefixLength(IPAddress mask)
    {
        var bytes = mask.GetAddressBytes();
        return bytes.Sum(b => System.Numerics.BitOperations.PopCount(b));
    }

    /// <summary>WdsConnectionStatus 1 = disconnected.</summary>
    public static bool IsDisconnected(QmiDecodedMessage indication) =>
        indication["Connection Status"] is QmiStruct status ? status["Status"].AsInteger() == 1 : indication["Connection Status"]?.AsInteger() == 1;

    public static string DisconnectReason(QmiDecodedMessage indication) =>
        indication["Call End Reason"]?.AsInteger() is { } reason ? $"the network ended the session (QMI call end reason {reason})" : "the network ended the session";
}
