using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Qmi.Client;

/// <summary>
/// A client id of one service, allocated through CTL Allocate CID and released (CTL Release CID)
/// when disposed, so a client's lifetime is the CID's lifetime.
/// </summary>
public sealed class QmiClient : IAsyncDisposable
{
    private readonly QmiDevice device;
    private int released;

    private QmiClient(QmiDevice device, string service, byte serviceId, byte clientId)
    {
        this.device = device;
        Service = service;
        ServiceId = serviceId;
        ClientId = clientId;
    }

    public string Service { get; }

    public byte ServiceId { get; }

    public byte ClientId { get; }

    /// <summary>Allocates a client id for a service ("dms", "nas", "wds", ...).</summary>
    public static async Task<QmiClient> AllocateAsync(QmiDevice device, string service, byte serviceId, CancellationToken cancellationToken = default)
    {
        var response = await device.RequestAsync("ctl", 0, QmiControlNames.AllocateCid,
            [new QmiField(QmiControlNames.AllocateServiceTlv, new QmiInteger(serviceId))], cancellationToken).ConfigureAwait(false);
        var info = (response[QmiControlNames.AllocationInfoTlv] ?? throw new QmiProtocolException($"{device.Options.Name}: Allocate CID response has no allocation info")).AsStruct();
        var allocatedService = info.Fields[0].Value.AsInteger();
        var clientId = info.Fields[1].Value.AsInteger();
        if (allocatedService != serviceId)
        {
            throw new QmiProtocolException($"{device.Options.Name}: asked for a {service} client, the modem allocated one for service {allocatedService}");
        }
        return new QmiClient(device, service, serviceId, (byte)clientId);
    }

    public Task<QmiDecodedMessage> RequestAsync(string message, IReadOnlyList<QmiField> tlvs, CancellationToken cancellationToken = default) =>
        device.RequestAsync(Service, ClientId, message, tlvs, cancellationToken);

    public Task<QmiDecodedMessage> RequestAsync(string message, CancellationToken cancellationToken = default) =>
        device.RequestAsync(Service, ClientId, message, [], cancellationToken);

    /// <summary>This client's indications (and the service's broadcasts).</summary>
    public IAsyncEnumerable<QmiDecodedMessage> IndicationsAsync(CancellationToken cancellationToken = default) =>
        device.IndicationsAsync(Service, ClientId, cancellationToken);

    /// <summary>Releases the client id; a modem that is already gone is not an error here.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref released, 1) != 0)
        {
            return;
        }
        device.ForgetIndications(ServiceId, ClientId);
        try
        {
            var info = new QmiStruct([new QmiField("Service", new QmiInteger(ServiceId)), new QmiField("Cid", new QmiInteger(ClientId))]);
            await device.RequestAsync("ctl", 0, QmiControlNames.ReleaseCid, [new QmiField(QmiControlNames.ReleaseInfoTlv, info)]).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ObjectDisposedException or IOException or QmiTimeoutException or QmiErrorException or OperationCanceledException)
        {
            // The port closed or the modem reset: the client id is gone with it.
        }
    }
}
