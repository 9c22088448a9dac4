using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Fleet;
using static WwanDaemon.BusApi.Objects.Declare;

namespace WwanDaemon.BusApi.Objects;

/// <summary>
/// org.wwandaemon.WwanDaemon1.Modem on each …/Modem/N: what ModemManager's API has no words for —
/// the USB bus path, the configuration chosen, the plan's actions applied, warnings, the ports the
/// probe picked, why the modem is where it is — and Diagnose(), the same JSON as `wwanctl diagnose --json`.
/// </summary>
internal static class OwnModemInterface
{
    public static DBusInterface Build(ModemEntry entry, ModemManagerApi api)
    {
        ModemSnapshot M() => entry.Latest;
        return new DBusInterface(BusNames.OwnModemInterface,
            [
                new DBusMethod("Diagnose", "", "s", (IReadOnlyList<DBusValue> _) => [DBusValue.String(api.Options.Diagnose(M().Device))]),
            ],
            [
                Read("Id", "s", () => Text(M().Id)),
                Read("Configuration", "u", () => DBusValue.UInt32((uint)Math.Max(0, M().Configuration ?? 0))),
                Read("Actions", "as", () => Texts(M().ActionsApplied)),
                Read("Warnings", "as", () => Texts(M().Warnings)),
                Read("ControlPort", "s", () => Text(M().ControlPort)),
                Read("ControlProtocol", "s", () => Text(M().ControlProtocol)),
                Read("PrimaryAtPort", "s", () => Text(M().PrimaryAtPort)),
                Read("StateReason", "s", () => Text(M().StateReason)),
                Read("ReconnectAttempts", "u", () => DBusValue.UInt32((uint)Math.Max(0, M().ReconnectAttempts))),
                Read("IpApplied", "b", () => DBusValue.Boolean(M().Ip?.Applied == true)),
            ],
            []);
    }
}
