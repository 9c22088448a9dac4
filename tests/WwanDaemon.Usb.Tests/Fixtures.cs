namespace WwanDaemon.Usb.Tests;

/// <summary>Finds the shared test fixtures copied next to the test assembly.</summary>
internal static class Fixtures
{
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));
}
