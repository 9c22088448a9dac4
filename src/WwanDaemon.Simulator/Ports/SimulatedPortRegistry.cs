namespace WwanDaemon.Simulator.Ports;

/// <summary>
/// One simulated protocol: its name on the command line, the device profiles it can play (the first
/// is the default) and how to build a port for one of them.
/// </summary>
/// <param name="Protocol">The protocol's name, e.g. <c>echo</c> or <c>qmi</c>.</param>
/// <param name="Description">One line for <c>wwan-sim --help</c>.</param>
/// <param name="Profiles">The profile names it accepts; the first is used when none is given.</param>
/// <param name="Create">Builds the port for a profile from <paramref name="Profiles"/>.</param>
public sealed record SimulatedProtocol(string Protocol, string Description, IReadOnlyList<string> Profiles, Func<string, ISimulatedPort> Create);

/// <summary>
/// The simulated protocols by name. <see cref="CreateDefault"/> lists the built-in ones; a protocol's
/// simulator joins by adding one <see cref="Register"/> line there.
/// </summary>
public sealed class SimulatedPortRegistry
{
    private readonly Dictionary<string, SimulatedProtocol> protocols = new(StringComparer.Ordinal);

    /// <summary>The registered protocols, sorted by name.</summary>
    public IEnumerable<SimulatedProtocol> Protocols => protocols.Values.OrderBy(p => p.Protocol, StringComparer.Ordinal);

    /// <summary>The built-in simulators.</summary>
    public static SimulatedPortRegistry CreateDefault()
    {
        var registry = new SimulatedPortRegistry();
        registry.Register(new SimulatedProtocol("echo", "sends every byte back (for testing the transport)", ["default"], _ => new EchoPort()));
        registry.Register(new SimulatedProtocol("qmi", "a QMI modem (CTL, DMS, NAS, WDS, WDA, UIM) that qmicli can drive",
            Modem.Profiles.For("qmi"), profile => CreateModemPort(profile, modem => new Qmi.SimulatedQmiPort(modem))));
        registry.Register(new SimulatedProtocol("mbim", "an MBIM modem (basic connect, QMI over MBIM) that mbimcli and qmicli --device-open-mbim can drive",
            Modem.Profiles.For("mbim"), profile => CreateModemPort(profile, modem => new Mbim.SimulatedMbimPort(modem))));
        registry.Register(new SimulatedProtocol("at", "an AT modem port (TS 27.007, echo, URCs, PIN, PDP contexts; SIMCom commands for sim7600-rndis) and slow, silent and DTR-gated port variants",
            At.AtPortProfiles.Names, At.AtPortProfiles.Create));
        return registry;
    }

    /// <summary>
    /// A modem port for a profile: the protocol's own face, or for a <c>first-protocol-wins</c>
    /// profile (seed 001) the dual port that speaks both and latches on the first one it hears.
    /// </summary>
    private static ISimulatedPort CreateModemPort(string profileName, Func<Modem.SimulatedModem, ISimulatedPort> face)
    {
        var profile = Modem.Profiles.Get(profileName);
        var modem = new Modem.SimulatedModem(profile);
        return profile.FirstProtocolWins ? new DualProtocolPort(modem) : face(modem);
    }

    /// <summary>Adds (or replaces) a protocol's simulator.</summary>
    public void Register(SimulatedProtocol protocol)
    {
        if (protocol.Profiles.Count == 0)
        {
            throw new ArgumentException($"The simulated protocol '{protocol.Protocol}' declares no profile; give it at least a default one.", nameof(protocol));
        }
        protocols[protocol.Protocol] = protocol;
    }

    /// <summary>The simulator registered for <paramref name="name"/>, if any.</summary>
    public SimulatedProtocol? Find(string name) => protocols.GetValueOrDefault(name);
}
