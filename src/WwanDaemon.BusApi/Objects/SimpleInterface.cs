using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi.Objects;

/// <summary>org.freedesktop.ModemManager1.Modem.Simple: Connect (answers once the session is up, with the bearer's IP settings filled), Disconnect, GetStatus.</summary>
internal static class SimpleInterface
{
    public static DBusInterface Build(ModemEntry entry, ModemManagerApi api) => new(BusNames.SimpleInterface,
        [
            new DBusMethod("Connect", "a{sv}", "o", async call =>
            {
                await api.AuthorizeAsync(call).ConfigureAwait(false);
                var settings = ConnectSettings.Parse(call.Arguments[0]);
                api.RequireCommands(call);
                var bearer = await api.UseBearerAsync(entry, settings).ConfigureAwait(false);
                return await api.CommandAsync(call, entry, (commands, id, token) => commands.ConnectAsync(id, settings, token),
                    () => [DBusValue.ObjectPath(bearer.Path)]).ConfigureAwait(false);
            }),
            new DBusMethod("Disconnect", "o", "", call =>
            {
                var path = ((ObjectPathValue)call.Arguments[0]).Value;
                if (path != BusNames.NoObject && entry.Bearer?.Path != path)
                {
                    throw new DBusErrorException(ModemManagerErrors.NotFound, $"{entry.Path} has no bearer {path}; give \"/\" to disconnect all");
                }
                return api.CommandAsync(call, entry, (commands, id, token) => commands.DisconnectAsync(id, token));
            }),
            new DBusMethod("GetStatus", "", "a{sv}", (IReadOnlyList<DBusValue> _) => [Status(entry.Latest)]),
        ],
        [],
        []);

    /// <summary>GetStatus: the state always; signal, access technology and the 3GPP registration only when registered (as the XML says).</summary>
    private static DBusValue Status(ModemSnapshot modem)
    {
        var entries = new List<KeyValuePair<string, DBusValue>> { KeyValuePair.Create("state", DBusValue.UInt32((uint)Math.Max(0, (int)modem.State))) };
        if (modem.Registration is Registration.Home or Registration.Roaming)
        {
            entries.Add(KeyValuePair.Create("signal-quality", ModemInterfaces.SignalQuality(modem)));
            entries.Add(KeyValuePair.Create("access-technologies", DBusValue.UInt32(ModemManagerNumbers.AccessTechnologies(modem.AccessTechnology))));
            entries.Add(KeyValuePair.Create("m3gpp-registration-state", DBusValue.UInt32(ModemManagerNumbers.Registration(modem.Registration))));
            entries.Add(KeyValuePair.Create("m3gpp-operator-code", DBusValue.String(modem.OperatorCode ?? "")));
            entries.Add(KeyValuePair.Create("m3gpp-operator-name", DBusValue.String(modem.OperatorName ?? "")));
        }
        return DBusValue.StringVariantDictionary(entries);
    }
}
