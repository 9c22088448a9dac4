using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Fleet;
using static WwanDaemon.BusApi.Objects.Declare;

namespace WwanDaemon.BusApi.Objects;

/// <summary>
/// org.freedesktop.ModemManager1.Modem on …/Modem/N (every property of the 1.20 introspection XML;
/// those wwan-daemon has no knowledge of report ModemManager's "unknown"/empty values), plus
/// Modem3gpp, Simple, Signal and our own modem interface.
/// </summary>
internal static class ModemInterfaces
{
    public static IReadOnlyList<DBusInterface> Build(ModemEntry entry, ModemManagerApi api) =>
    [
        Modem(entry, api),
        Modem3gppInterface.Build(entry, api),
        SimpleInterface.Build(entry, api),
        SignalInterface.Build(entry, api),
        OwnModemInterface.Build(entry, api),
    ];

    private const string Name = BusNames.ModemInterface;

    private static DBusInterface Modem(ModemEntry entry, ModemManagerApi api)
    {
        ModemSnapshot M() => entry.Latest;
        return new DBusInterface(Name,
            [
                new DBusMethod("Enable", "b", "", call => api.CommandAsync(call, entry,
                    (commands, id, token) => commands.SetEnabledAsync(id, ((BooleanValue)call.Arguments[0]).Value, token))),
                new DBusMethod("ListBearers", "", "ao", (IReadOnlyList<DBusValue> _) => [BearerPaths(entry)]),
                new DBusMethod("CreateBearer", "a{sv}", "o", async call =>
                {
                    await api.AuthorizeAsync(call).ConfigureAwait(false);
                    var bearer = await api.UseBearerAsync(entry, ConnectSettings.Parse(call.Arguments[0])).ConfigureAwait(false);
                    return [DBusValue.ObjectPath(bearer.Path)];
                }),
                new DBusMethod("DeleteBearer", "o", "", call => api.DeleteBearerAsync(call, entry, ((ObjectPathValue)call.Arguments[0]).Value)),
                new DBusMethod("Reset", "", "", call => api.CommandAsync(call, entry, (commands, id, token) => commands.ResetAsync(id, token))),
                Unsupported(Name, "FactoryReset", "s", "", "it has no factory reset command for any modem"),
                new DBusMethod("SetPowerState", "u", "", call =>
                {
                    var state = ((UInt32Value)call.Arguments[0]).Value;
                    if (state is not (2 or 3))
                    {
                        throw new DBusErrorException(DBusErrorNames.InvalidArgs, $"power state {state} is not supported: use 3 (on) or 2 (low: radio off)");
                    }
                    return api.CommandAsync(call, entry, (commands, id, token) => commands.SetEnabledAsync(id, state == 3, token));
                }),
                Unsupported(Name, "SetCurrentCapabilities", "u", "", "the capabilities are the modem's"),
                Unsupported(Name, "SetCurrentModes", "(uu)", "", "it leaves mode selection to the modem"),
                Unsupported(Name, "SetCurrentBands", "au", "", "it leaves band selection to the modem"),
                Unsupported(Name, "SetPrimarySimSlot", "u", "", "it uses the SIM slot the modem selected"),
                Unsupported(Name, "GetCellInfo", "", "aa{sv}", "it does not read cell information"),
                Unsupported(Name, "Command", "su", "s", "raw AT commands over D-Bus are not offered"),
            ],
            [
                Read("Sim", "o", () => DBusValue.ObjectPath(entry.SimPath)),
                Read("SimSlots", "ao", () => Paths([])),
                Read("PrimarySimSlot", "u", () => DBusValue.UInt32(0)),
                Read("Bearers", "ao", () => BearerPaths(entry)),
                Read("SupportedCapabilities", "au", () => DBusValue.Array("u", [DBusValue.UInt32(ModemManagerNumbers.CapabilitiesGsmUmtsLte)])),
                Read("CurrentCapabilities", "u", () => DBusValue.UInt32(ModemManagerNumbers.CapabilitiesGsmUmtsLte)),
                Read("MaxBearers", "u", () => DBusValue.UInt32(1)),
                Read("MaxActiveBearers", "u", () => DBusValue.UInt32(1)),
                Read("MaxActiveMultiplexedBearers", "u", () => DBusValue.UInt32(0)),
                Read("Manufacturer", "s", () => Text(M().Manufacturer)),
                Read("Model", "s", () => Text(M().Model)),
                Read("Revision", "s", () => Text(M().Revision)),
                Read("CarrierConfiguration", "s", () => Text(null)),
                Read("CarrierConfigurationRevision", "s", () => Text(null)),
                Read("HardwareRevision", "s", () => Text(null)),
                Read("DeviceIdentifier", "s", () => Text(M().Id)),
                Read("Device", "s", () => Text(M().Device)),
                Read("Drivers", "as", () => Texts(M().Drivers)),
                Read("Plugin", "s", () => Text("wwan-daemon")),
                Read("PrimaryPort", "s", () => Text(PrimaryPort(M()))),
                Read("Ports", "a(su)", () => DBusValue.Array("(su)", M().Ports.Select(p => DBusValue.Struct(DBusValue.String(p.Name), DBusValue.UInt32(ModemManagerNumbers.PortType(p.Type)))).ToList())),
                Read("EquipmentIdentifier", "s", () => Text(M().Imei)),
                Read("UnlockRequired", "u", () => DBusValue.UInt32(ModemManagerNumbers.Lock(M().SimLock))),
                Read("UnlockRetries", "a{uu}", () => UnlockRetries(M())),
                Read("State", "i", () => DBusValue.Int32((int)M().State)),
                Read("StateFailedReason", "u", () => DBusValue.UInt32(ModemManagerNumbers.FailedReason(M()))),
                Read("AccessTechnologies", "u", () => DBusValue.UInt32(ModemManagerNumbers.AccessTechnologies(M().AccessTechnology))),
                Read("SignalQuality", "(ub)", () => SignalQuality(M())),
                Read("OwnNumbers", "as", () => Texts([])),
                Read("PowerState", "u", () => DBusValue.UInt32(ModemManagerNumbers.PowerState(M().State))),
                Read("SupportedModes", "a(uu)", () => DBusValue.Array("(uu)", [DBusValue.Struct(DBusValue.UInt32(ModemManagerNumbers.Modes2g3g4g), DBusValue.UInt32(ModemManagerNumbers.Mode4g))])),
                Read("CurrentModes", "(uu)", () => DBusValue.Struct(DBusValue.UInt32(ModemManagerNumbers.Modes2g3g4g), DBusValue.UInt32(ModemManagerNumbers.Mode4g))),
                Read("SupportedBands", "au", () => DBusValue.Array("u", [])),
                Read("CurrentBands", "au", () => DBusValue.Array("u", [])),
                Read("SupportedIpFamilies", "u", () => DBusValue.UInt32(ModemManagerNumbers.IpFamiliesAll)),
            ],
            [new DBusSignal("StateChanged", "iiu")]);
    }

    private static DBusValue BearerPaths(ModemEntry entry) => Paths(entry.Bearer is { } bearer ? [bearer.Path] : []);

    /// <summary>The control port's name without /dev ("cdc-wdm0"); else the primary AT port's; else the first port's; never empty.</summary>
    public static string PrimaryPort(ModemSnapshot modem) =>
        Path.GetFileName(modem.ControlPort ?? modem.PrimaryAtPort ?? "") is { Length: > 0 } name ? name
        : modem.Ports.Count > 0 ? modem.Ports[0].Name : modem.Id;

    /// <summary>a{uu}: MMModemLock → tries left, for the locks whose counts the modem told (always present, possibly empty).</summary>
    private static DBusValue UnlockRetries(ModemSnapshot modem)
    {
        var entries = new List<KeyValuePair<DBusValue, DBusValue>>();
        if (modem.PinRetries is { } pin)
        {
            entries.Add(KeyValuePair.Create(DBusValue.UInt32(ModemManagerNumbers.LockSimPin), DBusValue.UInt32((uint)Math.Max(0, pin))));
        }
        if (modem.PukRetries is { } puk)
        {
            entries.Add(KeyValuePair.Create(DBusValue.UInt32(ModemManagerNumbers.LockSimPuk), DBusValue.UInt32((uint)Math.Max(0, puk))));
        }
        return DBusValue.Dictionary("u", "u", entries);
    }

    public static DBusValue SignalQuality(ModemSnapshot modem) =>
        DBusValue.Struct(DBusValue.UInt32((uint)Math.Clamp(modem.SignalQuality ?? 0, 0, 100)), DBusValue.Boolean(modem.SignalQuality is not null));
}
