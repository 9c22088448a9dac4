using System.Runtime.InteropServices;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Native;

namespace WwanDaemon.DBus.Connection;

/// <summary>Opens an sd-bus connection to the system bus or to an address, with errors a person can act on.</summary>
internal static class SdBusOpener
{
    public static IntPtr Open(string? address, string description)
    {
        int result;
        var bus = IntPtr.Zero;
        try
        {
            if (address is null)
            {
                result = SdBus.OpenSystem(out bus); // honours DBUS_SYSTEM_BUS_ADDRESS
            }
            else
            {
                result = SdBus.New(out bus);
                if (result >= 0 && (result = SdBus.SetAddress(bus, address)) >= 0 && (result = SdBus.SetBusClient(bus, 1)) >= 0)
                {
                    result = SdBus.Start(bus);
                }
                if (result < 0 && bus != IntPtr.Zero)
                {
                    SdBus.FlushCloseUnref(bus);
                }
            }
        }
        catch (DllNotFoundException missing)
        {
            throw new DBusException(null, $"D-Bus: libsystemd.so.0 is not installed ({missing.Message}); install libsystemd0");
        }
        if (result < 0)
        {
            throw new DBusException(null, $"D-Bus: could not connect to {description}: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result})");
        }
        return bus;
    }
}
