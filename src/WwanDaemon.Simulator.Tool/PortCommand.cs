using System.Runtime.InteropServices;
using WwanDaemon.Linux.Terminals;
using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Simulator.Tool;

/// <summary><c>wwan-sim port</c>: one simulated device port on a pseudo-terminal, reachable through a link.</summary>
public static class PortCommand
{
    /// <summary>How long a port that re-enumerated stays open after its last answer, so the host can read that answer.</summary>
    private static readonly TimeSpan ReenumerationGrace = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, SimulatedPortRegistry registry, TextWriter output, TextWriter error)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(Program.Usage(registry));
            return ExitCodes.Ok;
        }
        if (ParseOptions(args, error) is not { } options)
        {
            return ExitCodes.Usage;
        }
        var builtIn = string.Join(", ", registry.Protocols.Select(p => p.Protocol));
        if (options.Protocol is null || options.Link is null)
        {
            return ExitCodes.UsageError(error, $"port needs --protocol NAME ({builtIn}) and --link PATH. See 'wwan-sim --help'.");
        }
        if (registry.Find(options.Protocol) is not { } protocol)
        {
            return ExitCodes.UsageError(error, $"unknown protocol '{options.Protocol}'. Protocols: {builtIn}.");
        }
        var profile = options.Profile ?? protocol.Profiles[0];
        if (!protocol.Profiles.Contains(profile))
        {
            return ExitCodes.UsageError(error, $"unknown profile '{profile}' for protocol {protocol.Protocol}. Profiles: {string.Join(", ", protocol.Profiles)}.");
        }
        if (SymbolicLinkFile.RefusalToReplace(options.Link) is { } refusal)
        {
            return ExitCodes.UsageError(error, refusal);
        }
        return await ServeAsync(protocol, profile, options.Link, output, error).ConfigureAwait(false);
    }

    private static async Task<int> ServeAsync(SimulatedProtocol protocol, string profile, string link, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        // Cancel = true keeps the runtime from terminating at once, so the link is removed on the way out.
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        PseudoTerminal terminal;
        try
        {
            terminal = PseudoTerminal.Open();
        }
        catch (IOException failure)
        {
            return ExitCodes.Report(error, $"cannot create a pseudo-terminal: {failure.Message}. Is /dev/pts mounted (devpts)?", ExitCodes.Failed);
        }
        using (terminal)
        {
            try
            {
                SymbolicLinkFile.Replace(link, terminal.SlavePath);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                return ExitCodes.UsageError(error, $"cannot create the link {link} -> {terminal.SlavePath}: {failure.Message}");
            }
            try
            {
                await output.WriteLineAsync($"ready {link} {terminal.SlavePath}").ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                var port = protocol.Create(profile);
                if (port is IDtrGatedPort gated)
                {
                    // The pty DTR convention of WwanDaemon.Linux: the host's output speed B0 means DTR low.
                    gated.DtrRaised = () => terminal.HostRaisedDtr;
                }
                await port.ServeAsync(terminal.Master, stop.Token).ConfigureAwait(false);
                if (port is IRemovablePort { GoneBecause: { } gone } && !stop.IsCancellationRequested)
                {
                    // A modem that reboots after its final OK drops off the bus a moment later. Closing
                    // the master at once hangs the slave up, and Linux flushes what the host had not read
                    // yet (the OK itself, on a busy machine): wait for the host to read it first.
                    await Task.Delay(ReenumerationGrace, CancellationToken.None).ConfigureAwait(false);
                    // Like an unplugged modem: the link goes and the pty closes (clients read EIO).
                    await output.WriteLineAsync($"gone {link}: {gone}").ConfigureAwait(false);
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }
                if (!stop.IsCancellationRequested)
                {
                    return ExitCodes.Report(error, $"the {protocol.Protocol} simulator on {link} stopped before SIGTERM or SIGINT.", ExitCodes.Failed);
                }
                return ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
            catch (IOException failure)
            {
                return ExitCodes.Report(error, $"the {protocol.Protocol} simulator on {link} failed: {failure.Message}", ExitCodes.Failed);
            }
            finally
            {
                SymbolicLinkFile.RemoveIfPointingTo(link, terminal.SlavePath);
            }
        }
    }

    private sealed record Options(string? Protocol, string? Link, string? Profile);

    private static Options? ParseOptions(IReadOnlyList<string> args, TextWriter error)
    {
        string? protocol = null, link = null, profile = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--protocol" or "--link" or "--profile"))
            {
                ExitCodes.UsageError(error, $"unknown option '{name}' for port. Options: --protocol, --link, --profile. See 'wwan-sim --help'.");
                return null;
            }
            if (i + 1 >= args.Count || args[i + 1].Length == 0)
            {
                ExitCodes.UsageError(error, $"{name} needs a value. See 'wwan-sim --help'.");
                return null;
            }
            var value = args[++i];
            switch (name)
            {
                case "--protocol": protocol = value; break;
                case "--link": link = value; break;
                default: profile = value; break;
            }
        }
        return new Options(protocol, link, profile);
    }
}
