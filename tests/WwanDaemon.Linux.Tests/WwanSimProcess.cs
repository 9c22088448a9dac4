using System.Diagnostics;

namespace WwanDaemon.Linux.Tests;

/// <summary>Runs wwan-sim (built next to the tests) and the reference tools as real processes, never letting one outlive its test.</summary>
internal static class WwanSimProcess
{
    public static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wwan-sim.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>
    /// For finally blocks: kills a wwan-sim that is still running and waits until it is gone, so it never outlives
    /// its test and cannot touch the test's directory (its link) while that is removed.
    /// </summary>
    public static void KillIfRunning(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(ProcessTimeout);
        }
    }

    public static async Task<(int Exit, string Error)> Finish(Process process)
    {
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(ProcessTimeout);
        return (process.ExitCode, await error);
    }

    public static async Task Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(ProcessTimeout);
        Assert.Equal(0, kill.ExitCode);
    }

    public static async Task<(int Exit, string Output)> Tool(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ProcessTimeout);
        }
        catch (TimeoutException)
        {
            // A tool stuck on the link must not outlive the test (and keep the pty open).
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in {ProcessTimeout.TotalSeconds} s");
        }
        return (process.ExitCode, await output + await error);
    }
}
