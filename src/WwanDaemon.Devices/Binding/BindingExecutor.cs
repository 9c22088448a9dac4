using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Linux.Sysfs;

namespace WwanDaemon.Devices.Binding;

/// <summary>
/// Applies a <see cref="CompositionPlan"/> to a device with sysfs writes, in the plan's order
/// (configuration, unbinds, dynamic ids, binds; Documentation/ABI/testing/sysfs-bus-usb), checking
/// the tree before each write (a step already true is skipped) and waiting after it until the kernel
/// shows the result: the new configuration's interfaces, or the interface's driver link. It never
/// changes the configuration of a device under policy keep, never touches a device the loop detector
/// has condemned, and stops at the first failure with everything applied so far in the outcome.
/// All paths are under <paramref name="sysRoot"/> (normally /sys).
/// </summary>
public sealed partial class BindingExecutor(
    string sysRoot,
    ISysfsAttributeWriter? writer = null,
    TimeProvider? timeProvider = null,
    ReenumerationLoopDetector? loopDetector = null,
    ILogger? logger = null)
{
    private readonly ISysfsAttributeWriter writer = writer ?? SysfsAttributeWriter.Instance;
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>Applies <paramref name="plan"/> to the device at <paramref name="busPath"/>.</summary>
    public async Task<BindingOutcome> ApplyAsync(CompositionPlan plan, string busPath, BindingOptions options, CancellationToken cancellationToken)
    {
        var run = new Run(plan, new SysfsDeviceFiles(sysRoot, busPath), options, CompositionPlanner.Describe(plan.Device with { BusPath = busPath }), logger);
        if (loopDetector?.Verdict(busPath) is { IsLoop: true } loop)
        {
            return run.Stop(new BindingFailure(null, null, null, loop.Reason!));
        }
        foreach (var planned in plan.Actions)
        {
            var action = Localize(planned, plan.Device.BusPath ?? "DEVICE", busPath);
            logger.LogInformation("{Device}: {Kind} {Value} ({Reason})", run.Device, action.Kind, action.Value, action.Reason);
            if (action.OptIn && !options.AllowOptInActions)
            {
                run.Skip(action, "opt-in: it changes the modem's persistent settings; allow opt-in actions to apply it");
                continue;
            }
            var failure = action.Kind switch
            {
                PlanActionKind.SetConfiguration => await SetConfigurationAsync(run, action, cancellationToken).ConfigureAwait(false),
                PlanActionKind.Unbind => await UnbindAsync(run, action, cancellationToken).ConfigureAwait(false),
                PlanActionKind.NewId => NewId(run, action),
                PlanActionKind.Bind => await BindAsync(run, action, cancellationToken).ConfigureAwait(false),
                PlanActionKind.AtModeSwitch => await ModeSwitchAsync(run, action, cancellationToken).ConfigureAwait(false),
                _ => new BindingFailure(action, null, null, $"{run.Device}: the plan has an action of kind {action.Kind} this executor does not know; update wwan-daemon."),
            };
            if (failure is not null)
            {
                logger.LogWarning("{Device}: stopped: {Reason}", run.Device, failure.Reason);
                return run.Stop(failure);
            }
            if (run.AwaitsReenumeration)
            {
                break;
            }
        }
        return run.Finish();
    }

    private async Task<BindingFailure?> SetConfigurationAsync(Run run, PlanAction action, CancellationToken cancellationToken)
    {
        if (run.Plan.Policy == CompositionPolicy.Keep)
        {
            run.Skip(action, "policy keep: the configuration is the administrator's choice and is never changed");
            return null;
        }
        if (!int.TryParse(action.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var wanted))
        {
            return new BindingFailure(action, null, null, $"{run.Device}: the plan asks for configuration '{action.Value}', which is not a number; this is a wwan-daemon bug, please report it with the plan (wwanctl diagnose).");
        }
        if (run.Files.ActiveConfiguration() == wanted)
        {
            run.Skip(action, $"configuration {wanted} is already active");
            return null;
        }
        if (Write(run, action, run.Files.ConfigurationFile) is { } failure)
        {
            return failure;
        }
        var interfaces = run.Plan.Interfaces.Select(i => run.Files.InterfaceName(wanted, i.Number)).ToArray();
        if (!await WaitUntilAsync(() => run.Files.ActiveConfiguration() == wanted && interfaces.All(run.Files.InterfaceExists), run.Options.ReenumerationTimeout, run.Options, cancellationToken).ConfigureAwait(false))
        {
            var missing = interfaces.Where(i => !run.Files.InterfaceExists(i)).ToArray();
            var state = !Directory.Exists(run.Files.DeviceDirectory) ? "the device has not come back"
                : missing.Length > 0 ? $"interfaces {string.Join(", ", missing)} are still missing"
                : $"bConfigurationValue still reads {run.Files.ActiveConfiguration()?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}";
            return new BindingFailure(action, run.Files.ConfigurationFile, null,
                $"{run.Device}: selected configuration {wanted}, but after {Seconds(run.Options.ReenumerationTimeout)} {state}. "
                + "The firmware may have refused the change or be re-enumerating in a loop: check the kernel log (journalctl -k), replug the device, or pin its configuration with policy keep.");
        }
        // The kernel binds drivers as it creates the interfaces, but module loading can lag: give the
        // drivers that match a moment, so a late serial driver cannot take an interface after the
        // unbinds below have looked (seed 004: qcserial on the MBIM interfaces).
        var matched = run.Plan.Interfaces.Where(i => i.KernelCandidates.Count > 0).Select(i => run.Files.InterfaceName(wanted, i.Number)).ToArray();
        await WaitUntilAsync(() => matched.All(i => run.Files.BoundDriver(i) is not null), run.Options.DriverSettleTimeout, run.Options, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<BindingFailure?> UnbindAsync(Run run, PlanAction action, CancellationToken cancellationToken)
    {
        var name = action.Value;
        if (!run.Files.InterfaceExists(name))
        {
            return Missing(run, action, name);
        }
        var owner = run.Files.BoundDriver(name);
        var expected = run.ExpectedDriver(action.Interface);
        if (owner is null)
        {
            run.Skip(action, $"nothing owns interface {name} now");
            return null;
        }
        if (owner == expected)
        {
            run.Skip(action, $"interface {name} already belongs to {expected}");
            return null;
        }
        var file = run.Files.DriverControl(owner, "unbind");
        if (Write(run, action with { Driver = owner, Path = file }, file) is { } failure)
        {
            return failure;
        }
        return await WaitUntilAsync(() => run.Files.BoundDriver(name) != owner, run.Options.BindTimeout, run.Options, cancellationToken).ConfigureAwait(false)
            ? null
            : new BindingFailure(action, file, null, $"{run.Device}: wrote {name} to {file}, but {owner} still owns it after {Seconds(run.Options.BindTimeout)}. Check the kernel log (journalctl -k) and replug the device.");
    }

    private BindingFailure? NewId(Run run, PlanAction action)
    {
        if (run.Files.Rebase(action.Path) is not { } file)
        {
            return NotSysfs(run, action);
        }
        var errno = writer.Write(file, action.Value);
        if (errno == SysfsWriteAdvice.EEXIST)
        {
            run.Skip(action, $"{action.Driver} already has the dynamic id {action.Value}");
            return null;
        }
        return Written(run, action with { Path = file }, file, errno);
    }

    private async Task<BindingFailure?> BindAsync(Run run, PlanAction action, CancellationToken cancellationToken)
    {
        var name = action.Value;
        if (!run.Files.InterfaceExists(name))
        {
            return Missing(run, action, name);
        }
        if (run.Files.BoundDriver(name) == action.Driver)
        {
            run.Skip(action, $"interface {name} already belongs to {action.Driver}");
            return null;
        }
        if (run.Files.Rebase(action.Path) is not { } file)
        {
            return NotSysfs(run, action);
        }
        if (Write(run, action, file) is { } failure)
        {
            return failure;
        }
        if (await WaitUntilAsync(() => run.Files.BoundDriver(name) == action.Driver, run.Options.BindTimeout, run.Options, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var owner = run.Files.BoundDriver(name);
        return new BindingFailure(action, file, null,
            $"{run.Device}: wrote {name} to {file}, but after {Seconds(run.Options.BindTimeout)} interface {name} belongs to {owner ?? "no driver"}, not {action.Driver}. "
            + $"{action.Driver} refused it (its probe failed or another driver took it first): check the kernel log (journalctl -k) for '{action.Driver}' and replug the device.");
    }

    private static async Task<BindingFailure?> ModeSwitchAsync(Run run, PlanAction action, CancellationToken cancellationToken)
    {
        if (run.Options.SendAtModeSwitch is not { } send)
        {
            return new BindingFailure(action, null, null,
                $"{run.Device}: the opt-in mode switch '{action.Value}' is allowed, but nothing was given to send AT commands ({nameof(BindingOptions.SendAtModeSwitch)}); this is a wwan-daemon bug, please report it.");
        }
        try
        {
            await send(action, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return new BindingFailure(action, null, null,
                $"{run.Device}: sending the mode switch '{action.Value}' through {action.Path} failed: {failure.Message}. The modem keeps its current composition; check that the AT port answers and try again.");
        }
        run.Apply(action);
        run.AwaitsReenumeration = true;
        return null;
    }

    private BindingFailure? Write(Run run, PlanAction action, string file) =>
        Written(run, action with { Path = file }, file, writer.Write(file, action.Value));

    private static BindingFailure? Written(Run run, PlanAction applied, string file, int errno)
    {
        if (errno != 0)
        {
            return new BindingFailure(applied, file, errno, SysfsWriteAdvice.Describe(run.Device, file, applied.Value, errno));
        }
        run.Apply(applied);
        return null;
    }

    private static BindingFailure NotSysfs(Run run, PlanAction action) =>
        new(action, action.Path, null, $"{run.Device}: the plan writes '{action.Path}', which is not under /sys; this is a wwan-daemon bug, please report it with the plan (wwanctl diagnose).");

    private static BindingFailure Missing(Run run, PlanAction action, string name) =>
        new(action, run.Files.InterfaceDirectory(name), null, Directory.Exists(run.Files.DeviceDirectory)
            ? $"{run.Device}: interface {name} does not exist, so configuration {run.Plan.RecommendedConfiguration} is not active. The device changed since the plan was made; replug it so discovery plans again."
            : $"{run.Device}: the device is gone (unplugged or re-enumerating). Discovery plans again when it comes back.");

    /// <summary>A plan made from a dump names the device "DEVICE" (or another bus path): aim it at <paramref name="busPath"/>.</summary>
    private static PlanAction Localize(PlanAction action, string planned, string busPath) => planned == busPath ? action : action with
    {
        Path = action.Path.Replace($"/devices/{planned}/", $"/devices/{busPath}/", StringComparison.Ordinal),
        Value = action.Value.StartsWith(planned + ":", StringComparison.Ordinal) ? busPath + action.Value[planned.Length..] : action.Value,
    };

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");
}
