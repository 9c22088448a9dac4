using System.Globalization;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Fleet;

/// <summary>What --until found: reached (every modem, at least one, in the state) or not, and the modems at the end.</summary>
/// <param name="Reached">True when every modem was in the state before the timeout.</param>
/// <param name="Modems">The fleet's snapshot at the end, for the JSON line.</param>
/// <param name="StuckMessage">On timeout, for a person: each modem not in the state, with its state and reason.</param>
public sealed record UntilStateResult(bool Reached, IReadOnlyList<ModemSnapshot> Modems, string? StuckMessage);

/// <summary>
/// Waits until every modem of the fleet (at least one) is in the target state, or the timeout.
/// Reads Snapshot() at start and after each Changed/Removed event, so a state passed through
/// between events is not missed as long as the fleet raises Changed for it.
/// </summary>
public sealed class UntilStateWatcher(IModemFleet fleet, ModemState target, TimeSpan timeout, TimeProvider? time = null)
{
    private readonly TimeProvider time = time ?? TimeProvider.System;

    public async Task<UntilStateResult> WaitAsync(CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (AllInTarget(fleet.Snapshot()))
            {
                reached.TrySetResult();
            }
        }
        void OnChanged(ModemSnapshot _) => Check();
        void OnRemoved(string _) => Check();
        fleet.Changed += OnChanged;
        fleet.Removed += OnRemoved;
        try
        {
            Check();
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, time, timeoutSource.Token);
            var first = await Task.WhenAny(reached.Task, delay).ConfigureAwait(false);
            await timeoutSource.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var modems = fleet.Snapshot();
            return first == reached.Task || AllInTarget(modems)
                ? new UntilStateResult(true, modems, null)
                : new UntilStateResult(false, modems, DescribeStuck(modems, target, timeout));
        }
        finally
        {
            fleet.Changed -= OnChanged;
            fleet.Removed -= OnRemoved;
        }
    }

    private bool AllInTarget(IReadOnlyList<ModemSnapshot> modems) =>
        modems.Count > 0 && modems.All(m => m.State == target);

    /// <summary>
    /// "no modem reached connected within 30 s: 1-6 is searching (no network registration yet); 2-1 is locked (SIM PIN required)".
    /// </summary>
    public static string DescribeStuck(IReadOnlyList<ModemSnapshot> modems, ModemState target, TimeSpan timeout)
    {
        var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var targetName = ModemStateNames.Name(target);
        if (modems.Count == 0)
        {
            return $"no modem appeared within {seconds} s (waiting for every modem to be {targetName}); check that the modem is plugged in and that its USB device shows in lsusb";
        }
        var stuck = modems.Where(m => m.State != target).Select(m =>
            $"{m.Id} is {ModemStateNames.Name(m.State)}{(m.StateReason is { } reason ? $" ({reason})" : "")}");
        return $"not every modem was {targetName} within {seconds} s: {string.Join("; ", stuck)}";
    }
}
