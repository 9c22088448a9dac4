using System.Runtime.InteropServices;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Native;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Connection;

public sealed partial class BusConnection
{
    // Calls sent and not yet answered: failed when the loop ends, since sd-bus drops their callbacks with the bus.
    private readonly HashSet<PendingCall> pendingCalls = [];

    /// <summary>
    /// Calls a method without blocking the bus thread (sd_bus_call_async(3)) and completes with the
    /// reply's values. An error reply becomes a <see cref="DBusException"/> carrying its error name.
    /// </summary>
    /// <param name="destination">The bus name called ("org.freedesktop.ModemManager1").</param>
    /// <param name="path">The object path.</param>
    /// <param name="interface">The interface of the method.</param>
    /// <param name="member">The method.</param>
    /// <param name="arguments">Its arguments, in order.</param>
    /// <param name="timeout">How long to wait for the reply; null for sd-bus's default (25 s).</param>
    /// <exception cref="DBusException">An error reply, a timeout (org.freedesktop.DBus.Error.NoReply) or a local failure.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public async Task<IReadOnlyList<DBusValue>> CallAsync(string destination, string path, string @interface, string member, IReadOnlyList<DBusValue> arguments, TimeSpan? timeout = null)
    {
        var pending = await InvokeAsync(() => Send(destination, path, @interface, member, arguments, timeout)).ConfigureAwait(false);
        return await pending.Completion.Task.ConfigureAwait(false);
    }

    private unsafe PendingCall Send(string destination, string path, string @interface, string member, IReadOnlyList<DBusValue> arguments, TimeSpan? timeout)
    {
        var what = $"{@interface}.{member} on {destination} {path}";
        CheckCall(SdBus.NewMethodCall(bus, out var message, destination, path, @interface, member), what, "building");
        try
        {
            foreach (var argument in arguments)
            {
                DBusMessageWriter.Append(message, argument);
            }
            var pending = new PendingCall(this, what);
            var usec = timeout is { } limit ? (ulong)Math.Max(1, limit.Ticks / 10) : 0UL;
            var result = SdBus.CallAsync(bus, IntPtr.Zero, message, &OnReply, pending.Handle, usec);
            if (result < 0)
            {
                pending.Release();
                CheckCall(result, what, "sending");
            }
            pendingCalls.Add(pending);
            return pending;
        }
        finally
        {
            SdBus.MessageUnref(message);
        }
    }

    private void CheckCall(int result, string what, string doing)
    {
        if (result < 0)
        {
            throw new DBusException(null, $"D-Bus: {doing} the call {what} on {Description} failed: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result})");
        }
    }

    [UnmanagedCallersOnly]
    private static int OnReply(IntPtr reply, IntPtr userData, IntPtr returnError)
    {
        try
        {
            var pending = (PendingCall)GCHandle.FromIntPtr(userData).Target!;
            pending.Complete(reply);
        }
        catch (Exception failure)
        {
            Console.Error.WriteLine($"D-Bus: handling a method reply failed: {failure}");
        }
        return 0;
    }

    /// <summary>Fails every call still waiting for its reply; the loop calls this as it ends.</summary>
    private void FailPendingCalls()
    {
        foreach (var pending in pendingCalls.ToArray())
        {
            pending.Completion.TrySetException(StoppedException());
            pending.Release();
        }
    }

    private sealed class PendingCall
    {
        private readonly BusConnection connection;
        private readonly string what;
        private GCHandle self;

        public PendingCall(BusConnection connection, string what)
        {
            this.connection = connection;
            this.what = what;
            self = GCHandle.Alloc(this);
        }

        public IntPtr Handle => GCHandle.ToIntPtr(self);

        public TaskCompletionSource<IReadOnlyList<DBusValue>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Runs on the bus thread with the reply (or the error sd-bus made up for a timeout or a lost connection).</summary>
        public void Complete(IntPtr reply)
        {
            try
            {
                var error = SdBus.MessageGetError(reply);
                if (error != IntPtr.Zero)
                {
                    var details = Marshal.PtrToStructure<SdBus.Error>(error);
                    var name = Marshal.PtrToStringUTF8(details.Name) ?? "org.freedesktop.DBus.Error.Failed";
                    var message = Marshal.PtrToStringUTF8(details.Message) ?? name;
                    Completion.TrySetException(new DBusException(name, $"{what}: {message}"));
                }
                else
                {
                    Completion.TrySetResult(DBusMessageReader.ReadAll(reply));
                }
            }
            catch (Exception failure)
            {
                Completion.TrySetException(new DBusException(null, $"{what}: the reply could not be read: {failure.Message}"));
            }
            finally
            {
                Release();
            }
        }

        public void Release()
        {
            connection.pendingCalls.Remove(this);
            if (self.IsAllocated)
            {
                self.Free();
            }
        }
    }
}
