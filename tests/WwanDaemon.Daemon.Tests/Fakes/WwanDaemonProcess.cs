using System.Diagnostics;
using System.Globalization;

namespace WwanDaemon.Daemon.Tests.Fakes;

/// <summary>wwan-daemon.dll (built next to the tests) as a real process that never outlives its test.</summary>
internal sealed class WwanDaemonProcess : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> error;

    public WwanDaemonProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
        : this([], environment, args)
    {
    }

    /// <param name="launcher">Commands that exec dotnet in turn ("ip netns exec NS", "setpriv ..."), so the process is still the daemon.</param>
    /// <param name="environment">Variables to set.</param>
    /// <param name="args">wwan-daemon's arguments.</param>
    public WwanDaemonProcess(IReadOnlyList<string> launcher, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var word in launcher.Skip(1).Concat(launcher.Count > 0 ? ["dotnet"] : []))
        {
            start.ArgumentList.Add(word);
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wwan-daemon.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM" })
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        process = Process.Start(start)!;
        process.StandardInput.Close();
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => process.HasExited;

    /// <summary>The daemon's pid (dotnet exec'd by the launcher, if any).</summary>
    public int Pid => process.Id;

    public async Task<(int Exit, string Output, string Error)> FinishAsync()
    {
        await process.WaitForExitAsync().WaitAsync(Timeout);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>SIGTERM, as systemctl stop sends it.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}
