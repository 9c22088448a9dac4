using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using static WwanDaemon.BusApi.Objects.Declare;

namespace WwanDaemon.BusApi.Objects;

/// <summary>org.freedesktop.ModemManager1.Sim on …/SIM/N: the SIM's identity and SendPin; PUK and PIN management are not in the modem layer yet.</summary>
internal static class SimInterfaces
{
    private const string Name = BusNames.SimInterface;

    private const string NoPinManagement = "the modem layer has no PUK or PIN-management command yet; use the modem vendor's tool";

    public static IReadOnlyList<DBusInterface> Build(ModemEntry entry, ModemManagerApi api)
    {
        ModemSnapshot M() => entry.Latest;
        return
        [
            new DBusInterface(Name,
                [
                    new DBusMethod("SendPin", "s", "", call =>
                    {
                        var pin = ((StringValue)call.Arguments[0]).Value;
                        if (!ProfileValidation.IsPin(pin))
                        {
                            throw new DBusErrorException(DBusErrorNames.InvalidArgs, "SendPin: a SIM PIN is 4 to 8 digits");
                        }
                        return api.CommandAsync(call, entry, (commands, id, token) => commands.SendPinAsync(id, pin, token));
                    }),
                    Unsupported(Name, "SendPuk", "ss", "", NoPinManagement),
                    Unsupported(Name, "EnablePin", "sb", "", NoPinManagement),
                    Unsupported(Name, "ChangePin", "ss", "", NoPinManagement),
                    Unsupported(Name, "SetPreferredNetworks", "a(su)", "", "it does not write the SIM's preferred networks"),
                ],
                [
                    Read("Active", "b", () => DBusValue.Boolean(true)),
                    Read("SimIdentifier", "s", () => Text(M().Iccid)),
                    Read("Imsi", "s", () => Text(M().Imsi)),
                    Read("Eid", "s", () => Text(null)),
                    // The home network (MCC+MNC) is where the SIM registers at home; the IMSI alone does not say
                    // whether its MNC has 2 or 3 digits, so it is only given while registered at home.
                    Read("OperatorIdentifier", "s", () => Text(M().Registration == Registration.Home ? M().OperatorCode : null)),
                    Read("OperatorName", "s", () => Text(M().Registration == Registration.Home ? M().OperatorName : null)),
                    Read("EmergencyNumbers", "as", () => Texts([])),
                    Read("PreferredNetworks", "a(su)", () => DBusValue.Array("(su)", [])),
                    Read("Gid1", "ay", () => DBusValue.Array("y", [])),
                    Read("Gid2", "ay", () => DBusValue.Array("y", [])),
                    Read("SimType", "u", () => DBusValue.UInt32(1)), // MM_SIM_TYPE_PHYSICAL
                    Read("EsimStatus", "u", () => DBusValue.UInt32(0)),
                    Read("Removability", "u", () => DBusValue.UInt32(0)),
                ],
                []),
        ];
    }
}
