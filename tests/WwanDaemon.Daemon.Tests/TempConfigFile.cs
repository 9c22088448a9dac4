namespace WwanDaemon.Daemon.Tests;

/// <summary>A config.json in a fresh temporary directory, deleted after the test.</summary>
public sealed class TempConfigFile : IDisposable
{
    public TempConfigFile(string json)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path, json);
    }

    private readonly string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wwan-daemon-tests-" + Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(directory, "config.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
