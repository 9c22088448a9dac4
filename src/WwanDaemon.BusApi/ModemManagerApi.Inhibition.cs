using Microsoft.Extensions.Logging;
using WwanDaemon.BusApi.Objects;
using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi;

/// <summary>
/// InhibitDevice(uid, inhibit): the modem whose uid (our fleet Id, the USB bus path, or its Device,
/// the sysfs path; both are what the Modem object reports as DeviceIdentifier and Device) is left
/// alone by the bus API: its objects are taken off the bus while it is inhibited, and it comes back
/// as a new …/Modem/N when uninhibited. The modem itself keeps being supervised: wwan-daemon has no
/// way yet to hand its ports to another program, so this only hides it from bus clients.
/// </summary>
public sealed partial class ModemManagerApi
{
    private readonly HashSet<string> inhibited = new(StringComparer.Ordinal);

    /// <summary>The uids inhibited now.</summary>
    public IReadOnlyCollection<string> Inhibited()
    {
        lock (gate)
        {
            return [.. inhibited];
        }
    }

    private bool IsInhibited(ModemSnapshot snapshot) => inhibited.Contains(snapshot.Id) || (snapshot.Device is { } device && inhibited.Contains(device));

    internal async ValueTask<IReadOnlyList<DBusValue>> InhibitDeviceAsync(DBusCall call, string uid, bool inhibit)
    {
        await AuthorizeAsync(call).ConfigureAwait(false);
        if (inhibit)
        {
            ModemEntry? hidden = null;
            lock (gate)
            {
                var entry = entries.Values.FirstOrDefault(e => e.Id == uid || e.Latest.Device == uid);
                if (entry is null && !fleet.Snapshot().Any(s => s.Id == uid || s.Device == uid))
                {
                    throw new DBusErrorException(ModemManagerErrors.NotFound, $"InhibitDevice: no modem has the uid '{Modem.ConnectionProfiles.ProfileValidation.Printable(uid)}'; give a modem's DeviceIdentifier or Device property");
                }
                if (!inhibited.Add(uid))
                {
                    throw new DBusErrorException(ModemManagerErrors.WrongState, $"InhibitDevice: the modem with uid '{uid}' is inhibited already");
                }
                if (entry is not null)
                {
                    entries.Remove(entry.Id);
                    entry.Removed = true;
                    hidden = entry;
                }
            }
            if (hidden is not null)
            {
                logger.LogInformation("D-Bus: modem {Uid} inhibited; {Path} is no longer exported", uid, hidden.Path);
                await PostAndWaitAsync(() => UnexportAsync(hidden)).ConfigureAwait(false);
            }
            return Nothing;
        }
        lock (gate)
        {
            if (!inhibited.Remove(uid))
            {
                throw new DBusErrorException(ModemManagerErrors.NotFound, $"InhibitDevice: the uid '{Modem.ConnectionProfiles.ProfileValidation.Printable(uid)}' is not inhibited");
            }
        }
        if (fleet.Snapshot().FirstOrDefault(s => s.Id == uid || s.Device == uid) is { } snapshot)
        {
            OnChanged(snapshot);
            await PostAndWaitAsync(() => Task.CompletedTask).ConfigureAwait(false);
        }
        return Nothing;
    }
}
