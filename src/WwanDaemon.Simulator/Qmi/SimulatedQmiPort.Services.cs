using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Simulator.Qmi;

public sealed partial class SimulatedQmiPort : IDisposable
{
    private static readonly Dictionary<(string Service, string Message), QmiHandler> Handlers =
        QmiControlFace.Handlers()
            .Concat(QmiDmsFace.Handlers())
            .Concat(QmiNasFace.Handlers())
            .Concat(QmiWdsFace.Handlers())
            .Concat(QmiWdaFace.Handlers())
            .Concat(QmiUimFace.Handlers())
            .ToDictionary();

    private readonly Dictionary<byte, uint> sessionOwners = [];
    private readonly Dictionary<byte, int> ipFamilies = [];

    /// <summary>Whether the simulator has a face for a QMUX service id.</summary>
    internal bool Serves(byte serviceId) =>
        declarations.Services.FirstOrDefault(s => s.ServiceId == serviceId)?.Service is { } name && Handlers.Keys.Any(k => k.Service == name);

    /// <summary>
    /// A released WDS client's settings go; its session stays up, as on real modems, so
    /// qmicli's --client-no-release-cid / later stop pattern and a crashed host both behave as with firmware.
    /// </summary>
    internal void ForgetClient(byte clientId)
    {
        lock (gate)
        {
            ipFamilies.Remove(clientId);
        }
    }

    /// <summary>The messages the simulator answers, as "service/Message".</summary>
    public static IEnumerable<string> AnsweredMessages => Handlers.Keys.Select(k => $"{k.Service}/{k.Message}");

    /// <summary>Releases the writer; the modem belongs to whoever created it (its state may serve other faces).</summary>
    public void Dispose() => writer?.Dispose();

    internal void OwnSession(byte clientId, uint handle)
    {
        lock (gate)
        {
            sessionOwners[clientId] = handle;
        }
    }

    internal void DisownSession(uint handle)
    {
        lock (gate)
        {
            foreach (var owner in sessionOwners.Where(p => p.Value == handle).Select(p => p.Key).ToArray())
            {
                sessionOwners.Remove(owner);
            }
        }
    }

    internal uint? SessionOwnedBy(byte clientId)
    {
        lock (gate)
        {
            return sessionOwners.TryGetValue(clientId, out var handle) && Modem.Sessions.Any(s => s.Handle == handle) ? handle : null;
        }
    }

    internal void SetIpFamily(byte clientId, int family)
    {
        lock (gate)
        {
            ipFamilies[clientId] = family;
        }
    }

    internal int IpFamilyOf(byte clientId)
    {
        lock (gate)
        {
            return ipFamilies.GetValueOrDefault(clientId, 4);
        }
    }

    /// <summary>
    /// State changes become indications: registration → NAS Serving System to every NAS client;
    /// a session ending → WDS Packet Service Status (disconnected) to the client that owned it.
    /// </summary>
    private void OnModemChanged(string what)
    {
        switch (what)
        {
            case "reset":
                DropAllClients(); // a restarted firmware has forgotten every client id
                break;
            case "registration":
                Indicate("nas", "Serving System", QmiNasFace.ServingSystem(Modem).ToArray(), ClientsOf(ServiceId("nas")));
                break;
            case "session":
                byte[] orphaned;
                lock (gate)
                {
                    orphaned = sessionOwners.Where(p => Modem.Sessions.All(s => s.Handle != p.Value)).Select(p => p.Key).ToArray();
                    foreach (var client in orphaned)
                    {
                        sessionOwners.Remove(client);
                    }
                }
                Indicate("wds", "Packet Service Status",
                    [Qv.F("Connection Status", Qv.Struct(Qv.F("Status", 1), Qv.F("Reconfiguration Required", 0)))], orphaned);
                break;
        }
    }

    private byte ServiceId(string service) => (byte)declarations.Services.First(s => s.Service == service).ServiceId;

    private void Indicate(string service, string name, IReadOnlyList<QmiField> tlvs, IEnumerable<byte> clientIds)
    {
        if (activePort is null || stoppedAnswering)
        {
            return;
        }
        var (serviceId, messageId, _) = declarations.FindIndication(service, name);
        foreach (var clientId in clientIds)
        {
            var message = QmiMessageInterpreter.Encode(declarations, serviceId, clientId, NextIndicationTransaction(), messageId, QmiMessageKind.Indication, tlvs);
            var bytes = WwanDaemon.Qmi.Framing.QmuxFramer.Write(QmiMessageCodec.Encode(message));
            // Fire and forget from the state-change callback: the write lock keeps frames whole.
            _ = WriteAsync(bytes, CancellationToken.None);
        }
    }
}
