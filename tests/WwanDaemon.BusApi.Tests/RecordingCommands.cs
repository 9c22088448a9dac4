using WwanDaemon.Modem.Fleet;
using WwanDaemon.Supervision;

namespace WwanDaemon.BusApi.Tests;

/// <summary>
/// Modem commands that record each call and act like a well-behaved modem on the real
/// <see cref="ModemFleet"/>: Connect publishes the connected snapshot before it returns, Disconnect
/// the registered one, Enable(false) Disabled, a PIN other than <see cref="Pin"/> fails with IncorrectPin.
/// </summary>
internal sealed class RecordingCommands(ModemFleet fleet) : IModemCommands
{
    public const string Pin = "1234";

    private readonly Lock gate = new();
    private readonly List<string> calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    private void Record(string call)
    {
        lock (gate)
        {
            calls.Add(call);
        }
    }

    private ModemSnapshot Current(string id) =>
        fleet.Find(id) ?? throw new ModemCommandException(ModemCommandError.UnknownModem, $"no modem {id}");

    public Task ConnectAsync(string modemId, ConnectRequest request, CancellationToken cancellationToken)
    {
        Record($"connect {modemId} {request.Apn} {request.IpType}");
        Current(modemId);
        fleet.Publish(Modems.Connected(request, modemId));
        return Task.CompletedTask;
    }

    public Task DisconnectAsync(string modemId, CancellationToken cancellationToken)
    {
        Record($"disconnect {modemId}");
        fleet.Publish(Current(modemId) with { State = ModemState.Registered, Ip = null, Connection = null, ConnectedSince = null });
        return Task.CompletedTask;
    }

    public Task SetEnabledAsync(string modemId, bool enabled, CancellationToken cancellationToken)
    {
        Record($"enable {modemId} {enabled}");
        var current = Current(modemId);
        fleet.Publish(enabled
            ? current with { State = ModemState.Registered }
            : current with { State = ModemState.Disabled, Ip = null, Connection = null, ConnectedSince = null });
        return Task.CompletedTask;
    }

    public Task SendPinAsync(string modemId, string pin, CancellationToken cancellationToken)
    {
        Record($"pin {modemId}");
        if (pin != Pin)
        {
            throw new ModemCommandException(ModemCommandError.IncorrectPin, $"modem {modemId}: the SIM refused the PIN (2 tries left)");
        }
        fleet.Publish(Current(modemId) with { State = ModemState.Registered, SimLock = Modem.Backends.SimLock.Ready });
        return Task.CompletedTask;
    }

    public Task ResetAsync(string modemId, CancellationToken cancellationToken)
    {
        Record($"reset {modemId}");
        return Task.CompletedTask;
    }
}
