using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Simulator.Mbim;

public sealed partial class SimulatedMbimPort
{
    /// <summary>
    /// DEVICE_SERVICE_SUBSCRIBE_LIST (MBIM 1.0 §10.5.30) as the simulator reads it: until the host
    /// sets a list every notification goes out; after a set only the listed (service, CID) pairs do,
    /// an entry with no CIDs standing for every CID of its service. OPEN starts over with the default.
    /// Null: the default; a null CID set: every CID of the service.
    /// </summary>
    private Dictionary<Guid, HashSet<uint>?>? subscriptions;

    /// <summary>Notifications raised by the handler running on <see cref="answeringThread"/>, sent after its answer.</summary>
    private List<MbimMessage>? deferred;
    private int answeringThread;

    /// <summary>Replaces the subscriptions with the host's list (Device Service Subscribe List set).</summary>
    internal void Subscribe(IEnumerable<(Guid Service, IReadOnlyList<uint> Cids)> events)
    {
        lock (gate)
        {
            subscriptions = events.GroupBy(e => e.Service).ToDictionary(
                g => g.Key,
                g => g.Any(e => e.Cids.Count == 0) ? null : g.SelectMany(e => e.Cids).ToHashSet());
        }
    }

    /// <summary>Whether a notification may go out now: the function is open and the host subscribed to it.</summary>
    internal bool MayNotify(Guid service, uint cid)
    {
        lock (gate)
        {
            return isOpen && !stoppedAnswering && (subscriptions is null
                || (subscriptions.TryGetValue(service, out var cids) && (cids is null || cids.Contains(cid))));
        }
    }

    /// <summary>
    /// Modem changes become basic-connect notifications (MBIM 1.0 §10.5: each CID with a notification
    /// reports its response layout); a restart forgets the host.
    /// </summary>
    private void OnModemChanged(string what)
    {
        // Changed runs on whichever thread changed the modem: the registration timer (where an exception
        // ends the process), the tunnelled QMI firmware, a test. A bug here is counted like a handler's.
        try
        {
            NotifyChange(what);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LastHandlerFailure = error;
            Interlocked.Increment(ref handlerFailures);
        }
    }

    private void NotifyChange(string what)
    {
        switch (what)
        {
            case "reset":
                ForgetHost();
                break;
            case "sim":
                Notify("Subscriber Ready Status", MbimDeviceFace.SubscriberReadyStatus(Modem));
                break;
            case "operating-mode":
                Notify("Radio State", MbimDeviceFace.RadioState(Modem));
                break;
            case "registration":
                Notify("Register State", MbimNetworkFace.RegisterState(Modem));
                Notify("Packet Service", MbimNetworkFace.PacketService(Modem));
                break;
            case "packet-service":
                Notify("Packet Service", MbimNetworkFace.PacketService(Modem));
                break;
            case "signal":
                Notify("Signal State", MbimNetworkFace.SignalState(Modem, this));
                break;
            case "session":
                foreach (var sessionId in EndedSessions())
                {
                    Notify("Connect", MbimConnectFace.Deactivated(sessionId, null));
                }
                break;
        }
    }

    private void Notify(string command, IReadOnlyList<QmiField> fields) => Notify(BasicConnectServiceName, command, fields);

    private void Notify(string service, string command, IReadOnlyList<QmiField> fields)
    {
        var (serviceId, declaration) = declarations.Find(service, command);
        if (!MayNotify(serviceId, declaration.Cid) || writer is null)
        {
            return;
        }
        MbimMessage message;
        try
        {
            message = MbimMessageInterpreter.EncodeNotification(declarations, service, command, fields);
        }
        catch (ArgumentException error)
        {
            LastHandlerFailure = error;
            Interlocked.Increment(ref handlerFailures);
            return;
        }
        lock (gate)
        {
            if (deferred is not null && answeringThread == Environment.CurrentManagedThreadId)
            {
                deferred.Add(message);
                return;
            }
        }
        // Fire and forget from the state-change callback: the writer keeps messages whole.
        _ = SendNotificationAsync(message);
    }

    private async Task SendNotificationAsync(MbimMessage message)
    {
        try
        {
            await SendAsync(message, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The host went away while the modem changed: nobody is left to tell.
            LastNotificationFailure = error;
        }
    }

    /// <summary>Why the last notification could not be written (the port was closing).</summary>
    public Exception? LastNotificationFailure { get; private set; }
}
