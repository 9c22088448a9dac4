using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;
using static WwanDaemon.BusApi.Objects.Declare;

namespace WwanDaemon.BusApi.Objects;

/// <summary>org.freedesktop.ModemManager1.Modem.Modem3gpp: IMEI, registration, operator, facility locks, packet service.</summary>
internal static class Modem3gppInterface
{
    private const string Name = BusNames.Modem3gppInterface;

    public static DBusInterface Build(ModemEntry entry, ModemManagerApi api)
    {
        ModemSnapshot M() => entry.Latest;
        return new DBusInterface(Name,
            [
                api.Guard(new DBusMethod("Register", "s", "", call =>
                {
                    var operatorId = ((StringValue)call.Arguments[0]).Value;
                    return operatorId.Length == 0
                        ? ValueTask.FromResult<IReadOnlyList<DBusValue>>([]) // automatic registration is what the modem does
                        : throw ModemManagerErrors.NotSupported($"{Name}.Register", $"manual registration (to '{Modem.ConnectionProfiles.ProfileValidation.Printable(operatorId)}'); the modem registers automatically");
                })),
                Unsupported(Name, "Scan", "", "aa{sv}", "it does not scan for networks"),
                Unsupported(Name, "SetEpsUeModeOperation", "u", "", "the UE mode is the modem's"),
                Unsupported(Name, "SetInitialEpsBearerSettings", "a{sv}", "", "the initial EPS bearer is the modem's"),
                Unsupported(Name, "SetNr5gRegistrationSettings", "a{sv}", "", "5G registration settings are the modem's"),
                Unsupported(Name, "DisableFacilityLock", "(us)", "", "it does not change facility locks"),
                Unsupported(Name, "SetPacketServiceState", "u", "", "packet service follows the data session"),
            ],
            [
                Read("Imei", "s", () => Text(M().Imei)),
                Read("RegistrationState", "u", () => DBusValue.UInt32(ModemManagerNumbers.Registration(M().Registration))),
                Read("OperatorCode", "s", () => Text(M().OperatorCode)),
                Read("OperatorName", "s", () => Text(M().OperatorName)),
                Read("EnabledFacilityLocks", "u", () => DBusValue.UInt32(entry.PinLockSeen ? 1u : 0u)), // MM_MODEM_3GPP_FACILITY_SIM
                Read("SubscriptionState", "u", () => DBusValue.UInt32(0)),
                Read("EpsUeModeOperation", "u", () => DBusValue.UInt32(0)),
                Read("Pco", "a(ubay)", () => DBusValue.Array("(ubay)", [])),
                Read("InitialEpsBearer", "o", () => DBusValue.ObjectPath(BusNames.NoObject)),
                Read("InitialEpsBearerSettings", "a{sv}", EmptyDictionary),
                Read("PacketServiceState", "u", () => DBusValue.UInt32(PacketService(M()))),
                Read("Nr5gRegistrationSettings", "a{sv}", EmptyDictionary),
            ],
            []);
    }

    /// <summary>MMModem3gppPacketServiceState: attached (2) while registered, detached (1) otherwise, unknown (0) before registration was read.</summary>
    private static uint PacketService(ModemSnapshot modem) => modem.Registration switch
    {
        null => 0,
        Registration.Home or Registration.Roaming => 2,
        _ => 1,
    };
}
