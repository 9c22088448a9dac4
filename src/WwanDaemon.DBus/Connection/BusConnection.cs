using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Native;

namespace WwanDaemon.DBus.Connection;

/// <summary>
/// One sd-bus connection owned by one dedicated thread. sd-bus objects are not thread-safe, so every
/// use of the bus is posted here with <see cref="InvokeAsync{T}"/>. The loop (sd_bus_process(3),
/// sd_bus_wait(3) done by hand so an eventfd can wake it):
/// <code>
///   while running:
///     while sd_bus_process() > 0: ;        dispatch incoming calls and signals
///     run every posted work item
///     poll(bus fd: sd_bus_get_events, eventfd: POLLIN; timeout: sd_bus_get_timeout)
/// </code>
/// </summary>
public sealed partial class BusConnection : IDisposable
{
    private readonly ConcurrentQueue<WorkItem> work = new();
    private readonly Lock queueGate = new();
    private bool queueClosed; // set under queueGate by the loop as it ends: nothing is enqueued after its last drain
    private readonly Thread thread;
    private readonly int wakeFd;
    private volatile bool stopping;
    private IntPtr bus;
    private Exception? fault;

    private BusConnection(IntPtr bus, int wakeFd, string description)
    {
        this.bus = bus;
        this.wakeFd = wakeFd;
        Description = description;
        thread = new Thread(RunLoop) { IsBackground = true, Name = "D-Bus " + description };
        thread.Start();
    }

    /// <summary>"the system bus" or the address given.</summary>
    public string Description { get; }

    /// <summary>The bus thread's managed id: handlers and posted work run there and only there.</summary>
    public int ThreadId => thread.ManagedThreadId;

    /// <summary>Whether the bus thread is still running (false after <see cref="Dispose"/> or a lost connection).</summary>
    public bool IsRunning => thread.IsAlive;

    /// <summary>The bus pointer; use only on the bus thread.</summary>
    internal IntPtr Bus => bus;

    /// <summary>
    /// Connects to <paramref name="address"/>, or to the system bus when null (sd-bus honours
    /// DBUS_SYSTEM_BUS_ADDRESS), and starts the bus thread.
    /// </summary>
    /// <exception cref="DBusException">No bus there, libsystemd is missing, or no eventfd.</exception>
    public static BusConnection Connect(string? address = null)
    {
        var description = address ?? "the system bus";
        var bus = SdBusOpener.Open(address, description);
        var wakeFd = LibC.EventFd(0, 0x80000 /* EFD_CLOEXEC */);
        if (wakeFd < 0)
        {
            SdBus.FlushCloseUnref(bus);
            throw new DBusException(null, $"D-Bus: eventfd for the bus thread of {description} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        return new BusConnection(bus, wakeFd, description);
    }

    /// <summary>Runs <paramref name="function"/> on the bus thread and completes with its result or exception.</summary>
    /// <exception cref="ObjectDisposedException">The connection is disposed or its loop has stopped.</exception>
    public Task<T> InvokeAsync<T>(Func<T> function)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new WorkItem(
            () =>
            {
                try
                {
                    completion.SetResult(function());
                }
                catch (Exception failure)
                {
                    completion.SetException(failure);
                }
            },
            stopped => completion.TrySetException(stopped));
        lock (queueGate)
        {
            if (queueClosed || stopping)
            {
                completion.SetException(StoppedException());
                return completion.Task;
            }
            work.Enqueue(item);
            Wake();
        }
        return completion.Task;
    }

    /// <summary>Runs <paramref name="action"/> on the bus thread.</summary>
    public Task InvokeAsync(Action action) => InvokeAsync(() =>
    {
        action();
        return true;
    });

    /// <summary>
    /// Owns <paramref name="name"/> on the bus (sd_bus_request_name(3), no queueing, no replacement).
    /// </summary>
    /// <exception cref="DBusException">Another connection owns it, or the bus policy forbids it.</exception>
    public Task RequestNameAsync(string name) => InvokeAsync(() =>
    {
        var result = SdBus.RequestName(bus, name, 0);
        if (result == -17 /* EEXIST */ || result == -11 /* EAGAIN: would be queued */)
        {
            throw new DBusException(null, $"D-Bus: the name {name} is already owned on {Description}; is another daemon (ModemManager, a second wwan-daemon) running?");
        }
        if (result < 0)
        {
            throw new DBusException(null, $"D-Bus: requesting the name {name} on {Description} failed: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result}); check the D-Bus policy allows this user to own it");
        }
    });

    internal void AssertOnBusThread()
    {
        if (Environment.CurrentManagedThreadId != thread.ManagedThreadId)
        {
            throw new InvalidOperationException("D-Bus: the bus may only be used on its own thread; post work with InvokeAsync");
        }
    }

    /// <summary>Wakes the loop from poll. Called under queueGate while the queue is open, so the eventfd is never closed yet.</summary>
    private void Wake()
    {
        ulong one = 1;
        LibC.Write(wakeFd, ref one, sizeof(ulong));
    }

    private ObjectDisposedException StoppedException() =>
        new(nameof(BusConnection), fault is null ? $"D-Bus: the connection to {Description} is closed" : $"D-Bus: the connection to {Description} was lost: {fault.Message}");

    private void CloseQueueAndFailPending()
    {
        lock (queueGate)
        {
            queueClosed = true;
        }
        while (work.TryDequeue(out var item))
        {
            item.Fail(StoppedException());
        }
    }

    /// <summary>Posted work: run on the bus thread, or fail when the loop has stopped.</summary>
    private sealed record WorkItem(Action Run, Action<Exception> Fail);

    public void Dispose()
    {
        if (stopping)
        {
            return;
        }
        stopping = true;
        lock (queueGate)
        {
            if (!queueClosed)
            {
                Wake();
            }
        }
        if (Environment.CurrentManagedThreadId != thread.ManagedThreadId)
        {
            thread.Join();
        }
    }
}
