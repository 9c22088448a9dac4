using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WwanDaemon.Daemon.CommandLine;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Daemon.Fleet;
using WwanDaemon.Daemon.Logging;
using WwanDaemon.Daemon.Udev;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Hosting;

/// <summary>
/// The whole program with its streams and environment passed in, so tests run it in-process:
/// parse the command line, load and validate the configuration, set up logging, then run the host
/// until stopped or until --until is answered.
/// </summary>
public static class DaemonProgram
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, DaemonWiring wiring)
    {
        DaemonCommandLine commandLine;
        try
        {
            commandLine = DaemonCommandLineParser.Parse(args);
        }
        catch (CommandLineException bad)
        {
            await error.WriteLineAsync("wwan-daemon: " + bad.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        switch (commandLine.Action)
        {
            case DaemonAction.Help:
                await output.WriteLineAsync(HelpText.Text).ConfigureAwait(false);
                return ExitCodes.Ok;
            case DaemonAction.Version:
                await output.WriteLineAsync("wwan-daemon " + Version).ConfigureAwait(false);
                return ExitCodes.Ok;
        }

        DaemonOptions options;
        try
        {
            options = DaemonConfiguration.Load(commandLine.ConfigFile, commandLine.ConfigFileGiven, wiring.Environment, commandLine.ConfigurationOverrides);
        }
        catch (DaemonConfigurationException bad)
        {
            await error.WriteLineAsync("wwan-daemon: " + bad.Message).ConfigureAwait(false);
            return ExitCodes.Config;
        }
        if (commandLine.Action == DaemonAction.PrintUdevRules)
        {
            await output.WriteAsync(SwitchRulesGenerator.Generate(options.Policy)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var useJournal = DaemonLogging.UseJournal(options.LogTarget, wiring.Variable("JOURNAL_STREAM"));
        var levels = new Serilog.Core.LoggingLevelSwitch();
        var (serilog, loggingWarning) = DaemonLogging.Create(options, error, useJournal, levels);
        using (serilog)
        {
            var builder = DaemonHostBuilder.Create(options, serilog, wiring);
            bool fleetAdded;
            string? notWired;
            try
            {
                fleetAdded = AddFleet(builder.Services, commandLine, options, wiring.FleetFactory, out notWired);
            }
            catch (DaemonConfigurationException unusable)
            {
                // The configuration is valid but this process cannot honour it (apply in a simulation without CAP_NET_ADMIN).
                await error.WriteLineAsync("wwan-daemon: " + unusable.Message).ConfigureAwait(false);
                return ExitCodes.Config;
            }
            if (!fleetAdded)
            {
                await error.WriteLineAsync("wwan-daemon: " + notWired).ConfigureAwait(false);
                return ExitCodes.Software;
            }
            AddBusApi(builder.Services, options, levels);
            wiring.ConfigureServices?.Invoke(builder.Services);
            using var host = builder.Build();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WwanDaemon.Daemon");
            if (loggingWarning is not null)
            {
                logger.LogWarning("{Warning}", loggingWarning);
            }
            if (notWired is not null)
            {
                logger.LogWarning("{NotWired}", notWired);
            }
            return commandLine.UntilState is { } state
                ? await RunUntilAsync(host, state, commandLine.UntilTimeout!.Value, output, error).ConfigureAwait(false)
                : await RunUntilStoppedAsync(host).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Registers the fleet. An unwired simulation is fatal (false); an unwired hardware fleet is fatal
    /// only for --until (nothing to wait for), else the daemon runs with a warning (<paramref name="notWired"/>).
    /// </summary>
    private static bool AddFleet(IServiceCollection services, DaemonCommandLine commandLine, DaemonOptions options, IFleetFactory factory, out string? notWired)
    {
        notWired = null;
        try
        {
            if (commandLine.SimulationScenario is { } scenario)
            {
                factory.AddSimulatedFleet(services, scenario, options with { IpConfiguration = SimulationIpConfiguration(commandLine) });
            }
            else
            {
                factory.AddHardwareFleet(services, options);
            }
            return true;
        }
        catch (FleetNotWiredException missing)
        {
            notWired = missing.Message;
            return commandLine.SimulationScenario is null && commandLine.UntilState is null;
        }
    }

    /// <summary>
    /// A simulation reports unless its own command line says --IpConfiguration=apply: the built-in
    /// default (apply) and a config file or environment written for the hardware must not make a demo
    /// create TUN devices and routes in the caller's network namespace.
    /// </summary>
    private static IpConfigurationMode SimulationIpConfiguration(DaemonCommandLine commandLine) =>
        commandLine.ConfigurationOverrides.Any(o => string.Equals(o.Key, ConfigurationKeys.IpConfiguration, StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.Value, "apply", StringComparison.OrdinalIgnoreCase))
            ? IpConfigurationMode.Apply
            : IpConfigurationMode.Report;

    private static async Task<int> RunUntilStoppedAsync(IHost host)
    {
        await host.RunAsync().ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> RunUntilAsync(IHost host, ModemState state, TimeSpan timeout, TextWriter output, TextWriter error)
    {
        var fleet = host.Services.GetService<IModemFleet>();
        if (fleet is null)
        {
            await error.WriteLineAsync("wwan-daemon: --until needs a modem fleet, and the fleet factory registered no IModemFleet.").ConfigureAwait(false);
            return ExitCodes.Software;
        }
        await host.StartAsync().ConfigureAwait(false);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var watcher = new UntilStateWatcher(fleet, state, timeout, host.Services.GetRequiredService<TimeProvider>());
        UntilStateResult result;
        try
        {
            result = await watcher.WaitAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await error.WriteLineAsync($"wwan-daemon: stopped (signal) before every modem was {ModemStateNames.Name(state)}.").ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
            return ExitCodes.UntilTimedOut;
        }
        await output.WriteLineAsync(FleetJsonWriter.Write(result.Modems)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
        if (!result.Reached)
        {
            await error.WriteLineAsync("wwan-daemon: " + result.StuckMessage).ConfigureAwait(false);
            return ExitCodes.UntilTimedOut;
        }
        return ExitCodes.Ok;
    }

    /// <summary>The D-Bus APIs over the registered fleet, unless Bus=none (after the fleet, so they start after it).</summary>
    private static void AddBusApi(IServiceCollection services, DaemonOptions options, Serilog.Core.LoggingLevelSwitch levels)
    {
        if (options.Bus == "none")
        {
            return;
        }
        services.AddHostedService(provider => new BusApi.BusApiService(
            options,
            provider.GetService<Modem.Fleet.IModemFleet>(),
            provider.GetService<WwanDaemon.Supervision.LivePolicy>(),
            levels,
            provider.GetService<Simulation.SimulatedMachineService>()?.SysRoot ?? options.SysfsRoot,
            Version,
            provider.GetRequiredService<ILogger<BusApi.BusApiService>>()));
    }

    private static string Version =>
        typeof(DaemonProgram).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
