using WwanDaemon.Cli.Formatting;
using WwanDaemon.DBus.Connection;
using static WwanDaemon.Cli.Live.ModemManagerNames;

namespace WwanDaemon.Cli.Live;

/// <summary>
/// Turns the signals watch subscribes to into events: Modem.StateChanged (i old, i new, u reason),
/// PropertiesChanged of Modem.SignalQuality ((ub)), ObjectManager InterfacesAdded/Removed of a modem,
/// and NameOwnerChanged of wwan-daemon's name. Everything else is ignored.
/// </summary>
public static class WatchEvents
{
    /// <param name="signal">The signal as received.</param>
    /// <param name="idOf">The Id (USB bus path) known for a modem path, or null.</param>
    public static WatchEvent? From(DBusSignalMessage signal, Func<string, string?> idOf)
    {
        var arguments = signal.Arguments;
        switch (signal.Interface, signal.Member)
        {
            case (ModemInterface, "StateChanged") when arguments.Count >= 3:
                return new WatchEvent("state", signal.Path, idOf(signal.Path),
                [
                    new("old", State(DBusRead.Number(arguments[0]))),
                    new("new", State(DBusRead.Number(arguments[1]))),
                    new("reason", ChangeReason(DBusRead.Number(arguments[2]))),
                ]);
            case (Properties, "PropertiesChanged") when arguments.Count >= 2 && DBusRead.Text(arguments[0]) == ModemInterface:
                var changed = DBusRead.Dictionary(arguments[1]);
                if (changed.TryGetValue("SignalQuality", out var quality) && DBusRead.Fields(quality) is { Count: > 0 } fields)
                {
                    return new WatchEvent("signal", signal.Path, idOf(signal.Path), [new("percent", DBusRead.Number(fields[0]))]);
                }
                return null;
            case (ObjectManager, "InterfacesAdded") when arguments.Count >= 2:
                var path = DBusRead.Text(arguments[0]) ?? "";
                var interfaces = DBusRead.Dictionary(arguments[1]);
                if (!interfaces.ContainsKey(ModemInterface))
                {
                    return null;
                }
                var objects = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBus.Values.DBusValue>>>
                {
                    [path] = interfaces.ToDictionary(i => i.Key, i => DBusRead.Dictionary(i.Value)),
                };
                var modem = ModemView.From(path, objects);
                return new WatchEvent("added", path, modem.Id, [new("name", modem.Name), new("state", modem.StateName)]);
            case (ObjectManager, "InterfacesRemoved") when arguments.Count >= 2:
                var removed = DBusRead.Text(arguments[0]) ?? "";
                return DBusRead.Texts(arguments[1]).Contains(ModemInterface) ? new WatchEvent("removed", removed, idOf(removed), []) : null;
            case ("org.freedesktop.DBus", "NameOwnerChanged") when arguments.Count >= 3 && DBusRead.Text(arguments[0]) == OwnBusName:
                return new WatchEvent("daemon", ManagerPath, null, [new("running", !string.IsNullOrEmpty(DBusRead.Text(arguments[2])))]);
            default:
                return null;
        }
    }
}
