using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.At;

/// <summary>What a handler sees: the shared modem, this port's settings and the port itself.</summary>
public sealed record AtContext(SimulatedModem Modem, AtSession Session, SimulatedAtPort Port);

/// <summary>Answers one command.</summary>
public delegate AtReply AtHandler(AtContext context, AtRequest request);

/// <summary>
/// The commands a simulated modem knows, as a table {name, form → handler} in the manner of
/// ModemManager's AT sequences: each capability file (identity, SIM, network, packet data, a
/// vendor's commands) adds its rows, a profile picks the tables it has. A name that is known with
/// another form answers ERROR, as does a name that is not known at all.
/// </summary>
public sealed class AtCommandTable
{
    private readonly Dictionary<(string Name, AtRequestKind Kind), AtHandler> handlers = [];
    private readonly List<Func<SimulatedModem, string, IEnumerable<string>>> unsolicited = [];

    /// <summary>
    /// Adds a vendor's URCs: called with the modem and what changed (SimulatedModem.Changed), it
    /// returns the lines to send (none when the change is not one the firmware reports).
    /// </summary>
    public AtCommandTable WithUnsolicited(Func<SimulatedModem, string, IEnumerable<string>> source)
    {
        unsolicited.Add(source);
        return this;
    }

    /// <summary>The vendor URCs for a change of the model.</summary>
    public IEnumerable<string> UnsolicitedFor(SimulatedModem modem, string what) => unsolicited.SelectMany(source => source(modem, what));

    /// <summary>Adds (or replaces) the handler for <paramref name="name"/> in each of <paramref name="kinds"/>.</summary>
    public AtCommandTable Add(string name, AtHandler handler, params AtRequestKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            handlers[(name.ToUpperInvariant(), kind)] = handler;
        }
        return this;
    }

    /// <summary>The handler, or null when the firmware does not know this command in this form.</summary>
    public AtHandler? Find(AtRequest request) => handlers.GetValueOrDefault((request.Name, request.Kind));

    /// <summary>Every (name, form) the table answers, sorted by name then form (for documentation and tests).</summary>
    public IEnumerable<(string Name, AtRequestKind Kind)> Commands => handlers.Keys.OrderBy(key => key.Name, StringComparer.Ordinal).ThenBy(key => key.Kind);

    /// <summary>
    /// The table for <paramref name="profile"/>: the TS 27.007 / V.250 commands every modem has, plus
    /// the vendor commands the profile names (<see cref="ModemProfile.AtVendorCommands"/>).
    /// </summary>
    public static AtCommandTable For(ModemProfile profile)
    {
        var table = new AtCommandTable();
        AtBasicCommands.AddTo(table);
        AtIdentityCommands.AddTo(table);
        AtSimCommands.AddTo(table);
        AtNetworkCommands.AddTo(table);
        AtPacketDataCommands.AddTo(table);
        switch (profile.AtVendorCommands)
        {
            case "simcom":
                AtSimcomCommands.AddTo(table);
                break;
            case "huawei":
                AtHuaweiCommands.AddTo(table);
                break;
            case "quectel-asr":
                AtQuectelCommands.AddTo(table, contextFirst: false);
                break;
            case "quectel-unisoc":
                AtQuectelCommands.AddTo(table, contextFirst: true);
                break;
            case null:
                break;
            default:
                throw new ArgumentException($"profile '{profile.Name}' names AT vendor commands '{profile.AtVendorCommands}', which the simulator does not have (it has: simcom, huawei, quectel-asr, quectel-unisoc)", nameof(profile));
        }
        return table;
    }
}
