using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using WwanDaemon.Cli.Formatting;
using WwanDaemon.Cli.Live;
using WwanDaemon.DBus.Client;

namespace WwanDaemon.Cli.Commands;

/// <summary><c>wwanctl wait [MODEM] --state STATE --timeout S</c>: for boot scripts.</summary>
public static class WaitCommand
{
    /// <summary>Re-read now and then even without a signal, in case the daemon's name appears without one reaching us.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(2);

    public const string Help = $"""
        wwanctl wait - wait until a modem reaches a state (for boot scripts)

        Usage:
          wwanctl wait [MODEM] --state STATE[,STATE...] [--timeout SECONDS] [--json] [--bus ADDRESS]

        Exits 0 as soon as the modem is in one of the states; waits for wwan-daemon to start and for
        the modem to appear too. Exits 1 on timeout, saying the last state seen and why.
        STATE is ModemManager's state name, matched exactly: failed, unknown, initializing, locked,
        disabled, disabling, enabling, enabled, searching, registered, disconnecting, connecting,
        connected. ('registered' is not met by 'connected': give --state registered,connected for
        "registered or better".)

        Options:
          --state STATES   the states to wait for (comma-separated)
          --timeout S      give up after S seconds (default 60)
        {LiveCommand.BusHelp}
        Examples:
          wwanctl wait --state connected --timeout 120 && curl https://example.org/
          wwanctl wait 1-6 --state registered,connected --timeout 60
        """;

    public static int Run(IReadOnlyList<string> args, LiveCommand.Context context) =>
        LiveCommand.Run("wait", Help, args, context, ["--state", "--timeout"], [], 1,
            (client, parsed) => WaitAsync(client, parsed, context),
            Validate);

    public static string? Validate(CommandArguments parsed)
    {
        if (parsed.Value("--state") is not { } states)
        {
            return "wait needs --state (e.g. --state connected).";
        }
        foreach (var state in states.Split(','))
        {
            if (ModemManagerNames.StateNumber(state) is null)
            {
                return $"--state: '{state}' is not a modem state; one of {string.Join(", ", ModemManagerNames.States.Select(s => s.Name))}.";
            }
        }
        if (parsed.Value("--timeout") is { } timeout && !(double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0))
        {
            return $"--timeout: '{timeout}' is not a positive number of seconds.";
        }
        return null;
    }

    private static async Task<int> WaitAsync(DaemonClient client, CommandArguments parsed, LiveCommand.Context context)
    {
        var targets = parsed.Value("--state")!.Split(',').Select(s => ModemManagerNames.StateNumber(s)!.Value).ToHashSet();
        var timeout = TimeSpan.FromSeconds(parsed.Value("--timeout") is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : 60);
        var selector = parsed.Modem;
        using var changed = new SemaphoreSlim(0);
        // Subscribe first, then read: a change between the two is a signal we will see.
        using var subscription = await client.SubscribeAsync(_ => changed.Release()).ConfigureAwait(false);
        context.Ready?.Invoke();
        var clock = Stopwatch.StartNew();
        string last = "wwan-daemon not reached yet";
        while (true)
        {
            try
            {
                var snapshot = await client.ReadAsync().ConfigureAwait(false);
                var (modem, problem) = ModemSelector.Select(snapshot.Modems, selector);
                if (modem is not null)
                {
                    last = $"{modem.Label} is {modem.StateName}" + (modem.StateReason is { } reason ? $" ({reason})" : "");
                    if (targets.Contains(modem.State))
                    {
                        context.Output.WriteLine(parsed.Json
                            ? ModemJsonFormatter.Write(new JsonObject { ["path"] = modem.Path, ["id"] = modem.Id, ["state"] = modem.StateName, ["waited"] = Math.Round(clock.Elapsed.TotalSeconds, 1) })
                            : $"{modem.Label}: {modem.StateName}");
                        return ExitCodes.Ok;
                    }
                }
                else if (problem is { ExitCode: ExitCodes.Usage } && selector is null)
                {
                    // Several modems and none named: waiting will not make that clearer.
                    return ExitCodes.Fail(context.Error, problem.ExitCode, problem.Message);
                }
                else
                {
                    last = selector is null ? "no modem yet" : $"no modem '{selector}' yet";
                }
            }
            catch (DBusException failure) when (failure.ErrorName is "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner")
            {
                last = $"wwan-daemon is not running on {client.BusDescription}";
            }
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                var wanted = string.Join(" or ", parsed.Value("--state")!.Split(','));
                return ExitCodes.Fail(context.Error, ExitCodes.Failure, $"timed out after {timeout.TotalSeconds:0.#} s waiting for {wanted}: {last}");
            }
            try
            {
                await changed.WaitAsync(left < Recheck ? left : Recheck, context.Cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Fail(context.Error, ExitCodes.Failure, $"interrupted: {last}");
            }
            while (changed.CurrentCount > 0 && changed.Wait(0))
            {
                // One read answers every signal that arrived meanwhile.
            }
        }
    }
}
