using System.Collections;
using System.Globalization;
using System.Text.Json;
using WwanDaemon.At.Parsers;

namespace WwanDaemon.At.Tests;

/// <summary>
/// Every reply in tests/fixtures/at-replies/*.json through its parser: real replies from real modems
/// (ModemManager's test tables, forum and repository logs) and the spec, each with its source.
/// </summary>
public class ReplyFixtureTests
{
    private static readonly Dictionary<string, Func<IReadOnlyList<string>, object?>> Parsers = new()
    {
        ["registration.read"] = RegistrationParsers.ParseRead,
        ["registration.urc"] = lines => RegistrationParsers.ParseUnsolicited(lines[0]),
        ["cops.read"] = OperatorParsers.ParseSelection,
        ["cops.list"] = OperatorParsers.ParseList,
        ["cgdcont.read"] = PdpParsers.ParseContexts,
        ["cgdcont.test"] = PdpParsers.ParseContextRanges,
        ["cgact.read"] = PdpParsers.ParseActivation,
        ["cgpaddr"] = PdpParsers.ParseAddresses,
        ["cgcontrdp"] = PdpParsers.ParseDynamicParameters,
        ["csq"] = SignalParsers.ParseCsq,
        ["cesq"] = SignalParsers.ParseCesq,
        ["cfun"] = lines => FunctionalityParsers.ParseFunctionality(lines),
        ["cpin"] = lines => SimParsers.ParsePinState(lines),
        ["upincnt"] = SimParsers.ParseUbloxUpincnt,
        ["qpinc"] = SimParsers.ParseQuectelQpinc,
        ["spic"] = SimParsers.ParseSimcomSpic,
        ["hwcpin"] = SimParsers.ParseHuaweiCpin,
        ["cpinr"] = SimParsers.ParseCpinr,
        ["iccid"] = IdentityParsers.ParseIccid,
        ["cgmi"] = IdentityParsers.ParseManufacturer,
        ["cgmm"] = IdentityParsers.ParseModel,
        ["cgmr"] = IdentityParsers.ParseRevision,
        ["cgsn"] = IdentityParsers.ParseSerialNumber,
        ["cimi"] = IdentityParsers.ParseImsi,
        ["ndisstat"] = DataCallParsers.ParseHuaweiNdisState,
        ["qcrmcall"] = DataCallParsers.ParseQcrmcall,
        ["qnetdevctl"] = lines => DataCallParsers.ParseQuectelNetDevice(lines, QuectelNetDeviceLayout.OperationFirst),
        ["qnetdevctl.context-first"] = lines => DataCallParsers.ParseQuectelNetDevice(lines, QuectelNetDeviceLayout.ContextFirst),
        ["qcfg.usbnet"] = lines => UsbCompositionParsers.ParseQuectelUsbNet(lines),
        ["cusbpidswitch"] = lines => UsbCompositionParsers.ParseSimcomPid(lines),
        ["cusbpidswitch.test"] = UsbCompositionParsers.ParseSimcomPidChoices,
        ["usbcfg"] = lines => UsbCompositionParsers.ParseTelitUsbConfiguration(lines),
        ["usbcomp"] = UsbCompositionParsers.ParseSierraUsbComposition,
        ["uusbconf"] = UsbCompositionParsers.ParseUbloxUsbProfile,
    };

    private static readonly Lazy<IReadOnlyList<(string File, int Index, JsonElement Entry)>> Entries = new(Load);

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, index, _) in Entries.Value)
        {
            data.Add(file, index);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reply_ParsesAsItsSourceSays(string file, int index)
    {
        var entry = Entries.Value.Single(e => e.File == file && e.Index == index).Entry;
        var parser = Parsers[entry.GetProperty("parser").GetString()!];
        var lines = entry.GetProperty("reply").GetString()!
            .Split(["\r\n", "\n"], StringSplitOptions.None)
            .Where(line => line.Trim().Length > 0).ToArray();

        if (entry.TryGetProperty("error", out var error))
        {
            var thrown = Assert.Throws<AtProtocolException>(() => parser(lines));
            Assert.Contains(error.GetString()!, thrown.Message, StringComparison.Ordinal);
            return;
        }
        var result = parser(lines);
        foreach (var expected in entry.GetProperty("expect").EnumerateObject())
        {
            Assert.True(expected.Value.GetString() == Render(Evaluate(result, expected.Name)),
                $"{file}[{index}] '{entry.GetProperty("reply").GetString()}': {expected.Name} is '{Render(Evaluate(result, expected.Name))}', expected '{expected.Value.GetString()}'");
        }
    }

    [Fact]
    public void Fixtures_HaveAtLeast150Replies_EachWithASource()
    {
        Assert.True(Entries.Value.Count >= 150, $"only {Entries.Value.Count} replies");
        Assert.All(Entries.Value, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Entry.GetProperty("source").GetString()), $"{e.File}[{e.Index}] has no source");
            Assert.True(Parsers.ContainsKey(e.Entry.GetProperty("parser").GetString()!), $"{e.File}[{e.Index}] names an unknown parser");
            // An entry that checks nothing would pass whatever the parser does.
            var checksSomething = e.Entry.TryGetProperty("error", out _)
                || (e.Entry.TryGetProperty("expect", out var expect) && expect.ValueKind == JsonValueKind.Object && expect.EnumerateObject().Any());
            Assert.True(checksSomething, $"{e.File}[{e.Index}] has neither an error nor an expected value");
        });
    }

    private static IReadOnlyList<(string, int, JsonElement)> Load()
    {
        var entries = new List<(string, int, JsonElement)>();
        foreach (var path in Directory.GetFiles(Fixtures.Path("at-replies"), "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var index = 0;
            foreach (var entry in document.RootElement.GetProperty("entries").EnumerateArray())
            {
                entries.Add((Path.GetFileName(path), index++, entry.Clone()));
            }
        }
        return entries;
    }

    /// <summary>"Value" is the result itself; otherwise a path like "[0].Cids[1]", "Interfaces.Count", "RsrpDbm".</summary>
    private static object? Evaluate(object? value, string path)
    {
        if (path == "Value")
        {
            return value;
        }
        foreach (var step in path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (step.StartsWith('['))
            {
                var i = int.Parse(step[1..^1], CultureInfo.InvariantCulture);
                value = value is IList list ? list[i] : throw new InvalidOperationException($"{path}: not a list");
            }
            else if (step == "Count" && value is ICollection collection)
            {
                value = collection.Count;
            }
            else
            {
                // Reflection over the parsers' result records is fine in a test (not trimmed, not AOT).
#pragma warning disable IL2075
                var property = value?.GetType().GetProperty(step) ?? throw new InvalidOperationException($"{path}: no property {step} on {value?.GetType().Name}");
#pragma warning restore IL2075
                value = property.GetValue(value);
            }
        }
        return value;
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
