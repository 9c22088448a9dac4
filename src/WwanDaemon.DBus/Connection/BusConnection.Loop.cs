using System.Runtime.InteropServices;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Native;

namespace WwanDaemon.DBus.Connection;

public sealed partial class BusConnection
{
    private void RunLoop()
    {
        try
        {
            while (!stopping)
            {
                ProcessUntilIdle();
                RunPostedWork();
                if (!stopping)
                {
                    WaitForBusOrWork();
                }
            }
        }
        catch (Exception failure)
        {
            fault = failure;
        }
        finally
        {
            stopping = true;
            FailPendingCalls();
            SdBus.FlushCloseUnref(bus);
            bus = IntPtr.Zero;
            CloseQueueAndFailPending();
            _ = LibC.Close(wakeFd); // safe: posters only write to it after enqueueing, and nothing is enqueued now // nothing to do if closing fails: the thread is ending
        }
    }

    private void ProcessUntilIdle()
    {
        int result;
        while ((result = SdBus.Process(bus, IntPtr.Zero)) > 0)
        {
        }
        if (result < 0)
        {
            throw new DBusException(null, $"D-Bus: processing the connection to {Description} failed: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result})");
        }
    }

    private void RunPostedWork()
    {
        while (work.TryDequeue(out var item))
        {
            item.Run(); // completes its own task, never throws
        }
    }

    private void WaitForBusOrWork()
    {
        var events = SdBus.GetEvents(bus);
        if (events < 0)
        {
            throw new DBusException(null, $"D-Bus: sd_bus_get_events on {Description} failed (errno {-events})");
        }
        var fds = new LibC.PollFd[]
        {
            new() { Fd = SdBus.GetFd(bus), Events = (short)events },
            new() { Fd = wakeFd, Events = LibC.PollIn },
        };
        var result = LibC.Poll(fds, 2, PollTimeoutMilliseconds());
        if (result < 0 && Marshal.GetLastPInvokeError() != 4 /* EINTR */)
        {
            throw new DBusException(null, $"D-Bus: poll on {Description} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        if ((fds[1].ReturnedEvents & LibC.PollIn) != 0)
        {
            ulong count = 0;
            LibC.Read(wakeFd, ref count, sizeof(ulong));
        }
    }

    /// <summary>sd_bus_get_timeout answers an absolute CLOCK_MONOTONIC time, or UINT64_MAX for none.</summary>
    private int PollTimeoutMilliseconds()
    {
        if (SdBus.GetTimeout(bus, out var deadline) < 0 || deadline == ulong.MaxValue)
        {
            return -1;
        }
        var now = MonotonicClock.NowMicroseconds();
        if (deadline <= now)
        {
            return 0;
        }
        return (int)Math.Min(int.MaxValue, (deadline - now + 999) / 1000);
    }
}
