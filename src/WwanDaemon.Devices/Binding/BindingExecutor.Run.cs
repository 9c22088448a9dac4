using Microsoft.Extensions.Logging;
using WwanDaemon.Composition.Planning;

namespace WwanDaemon.Devices.Binding;

public sealed partial class BindingExecutor
{
    /// <summary>One application of a plan: what was applied and skipped so far.</summary>
    private sealed class Run(CompositionPlan plan, SysfsDeviceFiles files, BindingOptions options, string device, ILogger logger)
    {
        private readonly List<PlanAction> applied = [];
        private readonly List<SkippedAction> skipped = [];

        public CompositionPlan Plan { get; } = plan;

        public SysfsDeviceFiles Files { get; } = files;

        public BindingOptions Options { get; } = options;

        /// <summary>"HP lt4112 Gobi 4G Module (03f0:581d at 2-6)": how every message names the device.</summary>
        public string Device { get; } = device;

        public bool AwaitsReenumeration { get; set; }

        public string? ExpectedDriver(int? number) => Plan.Interfaces.FirstOrDefault(i => i.Number == number)?.Driver;

        public void Apply(PlanAction action) => applied.Add(action);

        public void Skip(PlanAction action, string reason)
        {
            skipped.Add(new SkippedAction(action, reason));
            logger.LogInformation("{Device}: skipped {Kind} {Value}: {Reason}", Device, action.Kind, action.Value, reason);
        }

        public BindingOutcome Stop(BindingFailure failure) => new(Files.BusPath, applied.ToArray(), skipped.ToArray(), failure, AwaitsReenumeration);

        public BindingOutcome Finish() => new(Files.BusPath, applied.ToArray(), skipped.ToArray(), null, AwaitsReenumeration);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (true) or <paramref name="timeout"/> passes (false).</summary>
    private async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, BindingOptions options, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (!condition())
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }
            await Task.Delay(remaining < options.PollInterval ? remaining : options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }
}
