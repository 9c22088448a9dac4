using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// The names <c>wwan-sim port --protocol at --profile NAME</c> accepts: every modem profile that
/// speaks AT, plus port variants of the default modem for probing tests.
/// </summary>
public static class AtPortProfiles
{
    /// <summary>How long the <c>slow-port</c> variant waits before each answer: longer than one 300 ms probe try, well inside three.</summary>
    public static readonly TimeSpan SlowPortDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Port variants: the default modem behind a port that behaves differently on the wire.</summary>
    public static IReadOnlyDictionary<string, AtPortOptions> Variants { get; } = new Dictionary<string, AtPortOptions>(StringComparer.Ordinal)
    {
        ["slow-port"] = new() { Name = "slow AT port", ResponseDelay = SlowPortDelay },
        // A DIAG port (seed 000 interface 2, ff/ff/ff with two bulk endpoints): it never answers AT.
        ["silent-port"] = new() { Name = "DIAG port", Silent = true },
        // Seed 002: ports that never answer until the host raises DTR.
        ["needs-dtr"] = new() { Name = "AT port that needs DTR", NeedsDtr = true },
    };

    /// <summary>Every name, "default" first, then the modem profiles, then the port variants.</summary>
    public static IReadOnlyList<string> Names => [.. Profiles.For("at"), .. Variants.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A port for <paramref name="name"/> on a new modem of its profile.</summary>
    public static SimulatedAtPort Create(string name)
    {
        if (Variants.TryGetValue(name, out var options))
        {
            return new SimulatedAtPort(new SimulatedModem(Profiles.Get("default")), options);
        }
        var profile = Profiles.Get(name);
        return new SimulatedAtPort(new SimulatedModem(profile), new AtPortOptions { Name = profile.Model + " AT port" });
    }
}
