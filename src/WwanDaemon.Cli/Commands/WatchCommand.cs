using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using WwanDaemon.Cli.Formatting;
using WwanDaemon.Cli.Live;

namespace WwanDaemon.Cli.Commands;

/// <summary><c>wwanctl watch [MODEM]</c>: state, signal and modem added/removed events as they happen.</summary>
public static class WatchCommand
{
    public const string Help = $"""
        wwanctl watch - print modem events as they happen, one line each, until Ctrl-C

        Usage:
          wwanctl watch [MODEM] [--count N] [--json] [--bus ADDRESS]

        Events: a state change (Modem StateChanged: old -> new, and why), a signal change
        (SignalQuality), a modem added or removed, wwan-daemon started or stopped. With MODEM only
        that modem's events (and the daemon's). With --json each event is one JSON object per line:
          {"{"}"event":"state","path":"...","index":0,"id":"1-6","old":"registered","new":"connected","reason":"user-requested"{"}"}

        Exit status: 0 after Ctrl-C, SIGTERM or N events; 69 when the bus connection is lost.

        Options:
          --count N        stop after N events (exit 0)
        {LiveCommand.BusHelp}
        Examples:
          wwanctl watch
          wwanctl watch 1-6 --json --count 1
        """;

    public static int Run(IReadOnlyList<string> args, LiveCommand.Context context) =>
        LiveCommand.Run("watch", Help, args, context, ["--count"], [], 1, async (client, parsed) =>
        {
            var count = parsed.Value("--count") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : (int?)null;
            var ids = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var events = Channel.CreateUnbounded<WatchEvent>();
            using var subscription = await client.SubscribeAsync(signal =>
            {
                if (WatchEvents.From(signal, path => ids.GetValueOrDefault(path)) is { } change)
                {
                    if (change is { Kind: "added", Id: { } id })
                    {
                        ids[change.Path] = id;
                    }
                    events.Writer.TryWrite(change);
                }
            }).ConfigureAwait(false);
            // Read after subscribing: the ids for the lines, and the selector checked against what exists.
            var snapshot = await client.ReadAsync().ConfigureAwait(false);
            foreach (var modem in snapshot.Modems)
            {
                if (modem.Id is { } id)
                {
                    ids[modem.Path] = id;
                }
            }
            var selector = parsed.Modem;
            if (selector is not null)
            {
                var (_, problem) = ModemSelector.Select(snapshot.Modems, selector);
                if (problem is not null)
                {
                    return ExitCodes.Fail(context.Error, problem.ExitCode, problem.Message);
                }
            }
            context.Ready?.Invoke();
            var seen = 0;
            try
            {
                while (count is null || seen < count)
                {
                    if (!await NextAsync(events.Reader, client, context.Cancel).ConfigureAwait(false))
                    {
                        return ExitCodes.Fail(context.Error, ExitCodes.Unavailable, $"lost the connection to {client.BusDescription}");
                    }
                    var change = await events.Reader.ReadAsync(context.Cancel).ConfigureAwait(false);
                    if (selector is not null && change.Kind != "daemon" && !Concerns(change, selector))
                    {
                        continue;
                    }
                    context.Output.WriteLine(parsed.Json ? ModemJsonFormatter.WriteLine(ModemJsonFormatter.Event(change)) : ModemTextFormatter.Event(change));
                    context.Output.Flush();
                    seen++;
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: a normal end.
            }
            return ExitCodes.Ok;
        },
        parsed => parsed.Value("--count") is { } count && !(int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            ? $"--count: '{count}' is not a positive whole number."
            : null);

    /// <summary>Waits for the next event; false when the bus connection is lost, so watch does not wait forever.</summary>
    private static async Task<bool> NextAsync(ChannelReader<WatchEvent> events, DaemonClient client, CancellationToken cancel)
    {
        while (true)
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            poll.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                return await events.WaitToReadAsync(poll.Token).ConfigureAwait(false) || client.IsConnected;
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                if (!client.IsConnected)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>Whether an event is about the modem the selector names (by path, index or Id).</summary>
    public static bool Concerns(WatchEvent change, string selector) =>
        ModemSelector.Matches(new ModemView { Path = change.Path, Index = ModemView.IndexOf(change.Path), Id = change.Id }, selector);
}
