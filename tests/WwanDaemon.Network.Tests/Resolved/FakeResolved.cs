using System.Diagnostics;
using System.Text.Json;

namespace WwanDaemon.Network.Tests.Resolved;

/// <summary>fake-resolved.py on a bus: owns org.freedesktop.resolve1 and reports each call it gets.</summary>
internal sealed class FakeResolved : IDisposable
{
    private readonly Process process;

    private FakeResolved(Process process) => this.process = process;

    public static FakeResolved Start(string busAddress)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Resolved", "fake-resolved.py");
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, busAddress])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("python3 did not start");
        var fake = new FakeResolved(process);
        var ready = fake.NextCall();
        if (!ready.TryGetProperty("ready", out _))
        {
            throw new InvalidOperationException($"fake resolved did not start: {ready}");
        }
        return fake;
    }

    /// <summary>The next call the fake received (waits at most 10 s).</summary>
    public JsonElement NextCall()
    {
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(10)) || line.Result is null)
        {
            throw new TimeoutException($"fake resolved said nothing: {(process.HasExited ? process.StandardError.ReadToEnd() : "still running")}");
        }
        using var json = JsonDocument.Parse(line.Result);
        return json.RootElement.Clone();
    }

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(5000);
        process.Dispose();
    }
}
