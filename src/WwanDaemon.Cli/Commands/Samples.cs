using System.Reflection;

namespace WwanDaemon.Cli.Commands;

/// <summary>The seed threads' dumps, embedded so a first run needs no modem and no file.</summary>
public static class Samples
{
    private const string Prefix = "Samples/";

    public static IReadOnlyList<string> Names => Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => Path.GetFileNameWithoutExtension(n[Prefix.Length..]))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Finds a sample by name or unique prefix ("seed-004").</summary>
    public static (string Name, string Text)? Find(string name)
    {
        var matches = Names.Where(n => n == name || n.StartsWith(name, StringComparison.Ordinal)).ToArray();
        if (matches.Length != 1)
        {
            return null;
        }
        using var stream = Assembly.GetManifestResourceStream(Prefix + matches[0] + ".txt")!;
        using var reader = new StreamReader(stream);
        return (matches[0], reader.ReadToEnd());
    }

    private static Assembly Assembly => typeof(Samples).Assembly;
}

public static class SamplesCommand
{
    public static int Run(TextWriter output)
    {
        output.WriteLine("Built-in samples (use: wwanctl diagnose --sample NAME):");
        foreach (var name in Samples.Names)
        {
            output.WriteLine("  " + name);
        }
        return ExitCodes.Ok;
    }
}
