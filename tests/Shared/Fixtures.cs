namespace WwanDaemon.Tests;

/// <summary>The shared fixtures (tests/fixtures, data/samples/seeds) copied next to each test assembly.</summary>
internal static class Fixtures
{
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));
}
