namespace WwanDaemon.Devices.Tests;

/// <summary>A directory under the system temp folder, removed when disposed.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wwan-devices-" + Guid.NewGuid().ToString("N"));

    public string Sys => System.IO.Path.Combine(Path, "sys");

    public string Dev => System.IO.Path.Combine(Path, "dev");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
