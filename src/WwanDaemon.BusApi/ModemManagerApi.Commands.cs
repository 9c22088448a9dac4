using WwanDaemon.BusApi.Objects;
using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi;

public sealed partial class ModemManagerApi
{
    private static readonly IReadOnlyList<DBusValue> Nothing = [];

    /// <summary>Refuses the call with Core.Unauthorized unless its caller may change state.</summary>
    internal ValueTask AuthorizeAsync(DBusCall call) => authorizer.RequireAsync(call.Caller, $"{call.Interface}.{call.Member}");

    /// <summary><paramref name="method"/>, authorized before its handler runs.</summary>
    internal DBusMethod Guard(DBusMethod method)
    {
        var handler = method.Handler;
        return method with
        {
            Handler = async call =>
            {
                await AuthorizeAsync(call).ConfigureAwait(false);
                return await handler(call).ConfigureAwait(false);
            },
        };
    }

    /// <summary>
    /// A state-changing method: authorized, then carried out by the fleet's commands, with a
    /// <see cref="ModemCommandException"/> turned into ModemManager's error name. Answers once the
    /// modem got there (the reply is deferred meanwhile).
    /// </summary>
    internal async ValueTask<IReadOnlyList<DBusValue>> CommandAsync(DBusCall call, ModemEntry entry, Func<IModemCommands, string, CancellationToken, Task> run, Func<IReadOnlyList<DBusValue>>? reply = null)
    {
        await AuthorizeAsync(call).ConfigureAwait(false);
        var commands = RequireCommands(call);
        using var limit = new CancellationTokenSource(Options.CommandTimeout);
        try
        {
            await run(commands, entry.Id, limit.Token).ConfigureAwait(false);
        }
        catch (ModemCommandException failure)
        {
            throw ModemManagerErrors.From(failure);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new DBusErrorException(ModemManagerErrors.Failed, $"{call.Member} on {entry.Path} ({entry.Id}) did not finish in {Options.CommandTimeout.TotalSeconds:0} s; the modem is {entry.Latest.State.ToString().ToLowerInvariant()}");
        }
        return reply?.Invoke() ?? Nothing;
    }

    /// <summary>The fleet's commands, or Core.Unsupported when this fleet is read-only.</summary>
    internal IModemCommands RequireCommands(DBusCall call) => fleet.Commands
        ?? throw new DBusErrorException(ModemManagerErrors.Unsupported, $"{call.Member}: this wwan-daemon runs a read-only fleet that takes no commands");

    /// <summary>The bearer for <paramref name="settings"/>: the modem's own when it has the same settings, else a new one (…/Bearer/N+1) replacing it. Exported before this completes.</summary>
    internal async Task<BearerEntry> UseBearerAsync(ModemEntry entry, ConnectRequest settings)
    {
        BearerEntry bearer;
        lock (gate)
        {
            bearer = entry.Bearer is { } current && ModemEntry.SameSettings(current.Settings, settings)
                ? current
                : new BearerEntry(nextBearer++, settings with { Pin = null });
            entry.Bearer = bearer;
        }
        await PostAndWaitAsync(() => SyncAsync(entry)).ConfigureAwait(false);
        return bearer;
    }

    /// <summary>Forgets the modem's bearer at <paramref name="path"/> (disconnecting first when it is the connected one).</summary>
    internal async ValueTask<IReadOnlyList<DBusValue>> DeleteBearerAsync(DBusCall call, ModemEntry entry, string path)
    {
        await AuthorizeAsync(call).ConfigureAwait(false);
        var bearer = entry.Bearer;
        if (bearer is null || bearer.Path != path)
        {
            throw new DBusErrorException(ModemManagerErrors.NotFound, $"{entry.Path} has no bearer {path}");
        }
        if (entry.Latest.State is ModemState.Connected or ModemState.Connecting)
        {
            await CommandAsync(call, entry, (commands, id, token) => commands.DisconnectAsync(id, token)).ConfigureAwait(false);
        }
        lock (gate)
        {
            if (entry.Bearer == bearer)
            {
                entry.Bearer = null;
            }
        }
        await PostAndWaitAsync(() => SyncAsync(entry)).ConfigureAwait(false);
        return Nothing;
    }
}
