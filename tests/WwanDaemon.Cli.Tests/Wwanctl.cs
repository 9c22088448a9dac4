using System.Diagnostics;
using System.Text.Json;
using WwanDaemon.Cli;

namespace WwanDaemon.Cli.Tests;

/// <summary>Runs wwanctl in-process (streams passed in) or as a real process.</summary>
internal static class Wwanctl
{
    public static (int Exit, string Output, string Error) RunWithInput(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Program.Run(args, new StringReader(input), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static (int Exit, string Output, string Error) Run(params string[] args) => RunWithInput("", args);

    /// <summary>Runs a command that waits (watch, wait) on a thread; <paramref name="ready"/> fires once it is subscribed.</summary>
    public static Task<(int Exit, string Output, string Error)> Start(TaskCompletionSource ready, string[] args, CancellationToken cancel) =>
        Start(ready, args, new LiveOutput(), cancel);

    /// <summary>Like the other overload, printing to <paramref name="output"/>, which the test can read while the command runs.</summary>
    public static Task<(int Exit, string Output, string Error)> Start(TaskCompletionSource ready, string[] args, LiveOutput output, CancellationToken cancel) => Task.Run(() =>
    {
        using var error = new StringWriter();
        var exit = Program.Run(args, new StringReader(""), output, error, cancel, () => ready.TrySetResult());
        ready.TrySetResult(); // it ended before subscribing: let the test look at why
        return (exit, output.ToString(), error.ToString());
    });

    public static JsonElement DiagnoseJson(params string[] args)
    {
        var (exit, output, error) = Run(["diagnose", .. args, "--json"]);
        Assert.True(exit == 0, $"exit {exit}: {error}");
        return JsonDocument.Parse(output).RootElement.GetProperty("devices");
    }

    /// <summary>The built executable's entry assembly, run with the dotnet host.</summary>
    public static (int Exit, string Output, string Error) RunProcess(params string[] args) => RunProcessAs([], args);

    /// <summary>Like <see cref="RunProcess"/>, through a launcher that execs dotnet ("setpriv --reuid=65534 ...").</summary>
    public static (int Exit, string Output, string Error) RunProcessAs(IReadOnlyList<string> launcher, params string[] args)
    {
        var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var word in launcher.Skip(1).Concat(launcher.Count > 0 ? ["dotnet"] : []))
        {
            start.ArgumentList.Add(word);
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wwanctl.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "wwanctl did not exit within 60 s");
        return (process.ExitCode, output.Result, error.Result);
    }
}
