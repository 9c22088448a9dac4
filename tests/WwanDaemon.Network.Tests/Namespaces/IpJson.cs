using System.Text.Json;

namespace WwanDaemon.Network.Tests.Namespaces;

/// <summary>Reads the JSON of `ip -j link/addr/route`.</summary>
internal static class IpJson
{
    /// <summary>"10.64.12.9/30" for every addr_info entry of every link.</summary>
    public static string[] Addresses(JsonElement addr) => addr.EnumerateArray()
        .SelectMany(link => link.GetProperty("addr_info").EnumerateArray())
        .Select(info => $"{info.GetProperty("local").GetString()}/{info.GetProperty("prefixlen").GetInt32()}")
        .ToArray();

    /// <summary>"default via GW dev IF metric M" / "default dev IF metric M" for each route.</summary>
    public static string[] Routes(JsonElement routes) => routes.EnumerateArray()
        .Select(route =>
            route.GetProperty("dst").GetString()
            + (route.TryGetProperty("gateway", out var gateway) ? $" via {gateway.GetString()}" : "")
            + $" dev {route.GetProperty("dev").GetString()}"
            + (route.TryGetProperty("metric", out var metric) ? $" metric {metric.GetInt32()}" : ""))
        .ToArray();

    public static string[] Flags(JsonElement link) => link[0].GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToArray();

    public static int Mtu(JsonElement link) => link[0].GetProperty("mtu").GetInt32();
}
