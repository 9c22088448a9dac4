using System.Runtime.InteropServices;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Native;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Connection;

/// <summary>A signal received through a match: where it came from and its arguments.</summary>
public sealed record DBusSignalMessage(string Path, string Interface, string Member, IReadOnlyList<DBusValue> Arguments);

public sealed partial class BusConnection
{
    /// <summary>
    /// Subscribes to messages matching <paramref name="rule"/> (D-Bus specification, "Match Rules"),
    /// e.g. "type='signal',interface='org.freedesktop.DBus.Properties'". sd_bus_add_match(3) waits for the
    /// bus to confirm, so signals sent after this completes are seen. <paramref name="handler"/> runs on
    /// the bus thread; an exception it throws is written to stderr, never into sd-bus. Dispose the result to unsubscribe.
    /// </summary>
    public Task<IDisposable> AddMatchAsync(string rule, Action<DBusSignalMessage> handler) => InvokeAsync<IDisposable>(() =>
    {
        var subscription = new MatchSubscription(this, handler);
        subscription.Install(rule);
        return subscription;
    });

    private sealed class MatchSubscription(BusConnection connection, Action<DBusSignalMessage> handler) : IDisposable
    {
        private readonly Action<DBusSignalMessage> handler = handler;
        private GCHandle self;
        private IntPtr slot;

        public unsafe void Install(string rule)
        {
            self = GCHandle.Alloc(this);
            var result = SdBus.AddMatch(connection.Bus, out slot, rule, &OnMatch, GCHandle.ToIntPtr(self));
            if (result < 0)
            {
                self.Free();
                throw new DBusException(null, $"D-Bus: adding the match {rule} on {connection.Description} failed: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result})");
            }
        }

        [UnmanagedCallersOnly]
        private static int OnMatch(IntPtr message, IntPtr userData, IntPtr returnError)
        {
            try
            {
                var subscription = (MatchSubscription)GCHandle.FromIntPtr(userData).Target!;
                var signal = new DBusSignalMessage(
                    Marshal.PtrToStringUTF8(SdBus.MessageGetPath(message)) ?? "",
                    Marshal.PtrToStringUTF8(SdBus.MessageGetInterface(message)) ?? "",
                    Marshal.PtrToStringUTF8(SdBus.MessageGetMember(message)) ?? "",
                    DBusMessageReader.ReadAll(message));
                subscription.handler(signal);
            }
            catch (Exception failure)
            {
                Console.Error.WriteLine($"D-Bus: a signal handler failed: {failure}");
            }
            return 0; // let other handlers see the message too
        }

        public void Dispose()
        {
            if (!self.IsAllocated || !connection.IsRunning)
            {
                return; // closing the bus released the slot
            }
            connection.InvokeAsync(() =>
            {
                SdBus.SlotUnref(slot);
                self.Free();
            }).GetAwaiter().GetResult();
        }
    }
}
