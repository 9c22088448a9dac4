using System.Globalization;
using System.Text.RegularExpressions;
using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Mbim.Tests;

/// <summary>One file of tests/fixtures/mbim-messages: its transfers and the transfer size they were cut for.</summary>
internal sealed partial record FixtureFile(string RelativePath, byte[] Bytes, int MaxControlTransfer)
{
    public const string Root = "mbim-messages";

    public static FixtureFile Load(string relativePath)
    {
        var text = Fixtures.Read(Path.Combine(Root, relativePath));
        var directive = MaxControlTransferDirective().Match(text);
        var max = directive.Success ? int.Parse(directive.Groups[1].Value, CultureInfo.InvariantCulture) : 4096;
        return new FixtureFile(relativePath, AnnotatedHex.Parse(text), max);
    }

    /// <summary>Every fixture below <paramref name="folder"/> (relative to the fixture root), or an empty set when there is none yet.</summary>
    public static TheoryData<string> Under(string folder, bool includeNoncanonical)
    {
        var root = Fixtures.Path(Root);
        var data = new TheoryData<string>();
        var start = Path.Combine(root, folder);
        if (!Directory.Exists(start))
        {
            return data;
        }
        foreach (var file in Directory.EnumerateFiles(start, "*.hex", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (includeNoncanonical || !relative.StartsWith("captured-noncanonical/", StringComparison.Ordinal))
            {
                data.Add(relative);
            }
        }
        return data;
    }

    /// <summary>Cuts the file's bytes into transfers and reassembles exactly one message.</summary>
    public MbimMessage Message()
    {
        var messages = Transfers.Reassemble(Transfers.Cut(Bytes));
        return Assert.Single(messages);
    }

    [GeneratedRegex(@"^\s*//\s*@max-control-transfer\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MaxControlTransferDirective();
}
