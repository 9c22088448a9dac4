using System.Text;
using System.Xml.Linq;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>
/// Random calls against every method of every object the real daemon exports (found by
/// introspection): half with the declared signature and random values, half with random signatures.
/// Every call must be answered (a reply or an error), and the daemon must keep running and serving.
/// </summary>
public sealed class FuzzedCallsTests(DefaultScenarioDaemon daemon) : IClassFixture<DefaultScenarioDaemon>
{
    private const string Name = "org.freedesktop.ModemManager1";
    private const int CallsPerMethod = 12;

    [Fact]
    public async Task RandomArguments_AgainstEveryMethod_AreAllAnswered_AndTheDaemonSurvives()
    {
        using var client = BusConnection.Connect(daemon.Address);
        var random = new Random(20261121);
        var methods = await ExportedMethodsAsync(client);
        Assert.True(methods.Count >= 20, $"introspection found only {methods.Count} methods: {string.Join(", ", methods.Select(m => m.Interface + "." + m.Member))}");

        var answered = 0;
        foreach (var method in methods)
        {
            for (var i = 0; i < CallsPerMethod; i++)
            {
                var signature = i % 2 == 0 ? method.InSignature : RandomSignature(random);
                var arguments = SplitCompleteTypes(signature).Select(type => RandomValue(type, random, depth: 0)).ToArray();
                try
                {
                    await client.CallAsync(Name, method.Path, method.Interface, method.Member, arguments, TimeSpan.FromSeconds(20));
                }
                catch (DBusException error) when (error.ErrorName is not null && error.ErrorName != "org.freedesktop.DBus.Error.NoReply")
                {
                    // an error reply is an answer
                }
                answered++;
            }
        }

        Assert.Equal(methods.Count * CallsPerMethod, answered);
        Assert.True(daemon.IsRunning, "the daemon exited under the fuzzer");
        Assert.Contains("/org/freedesktop/ModemManager1/Modem/", Mmcli.Succeed(daemon.Address, "-L"));
    }

    private sealed record Method(string Path, string Interface, string Member, string InSignature);

    /// <summary>Every method below /org/freedesktop/ModemManager1 from Introspect, except the standard interfaces' (sd-bus's own code).</summary>
    private static async Task<List<Method>> ExportedMethodsAsync(BusConnection client)
    {
        var methods = new List<Method>();
        var paths = new Queue<string>(["/org/freedesktop/ModemManager1"]);
        while (paths.TryDequeue(out var path))
        {
            var xml = (StringValue)(await client.CallAsync(Name, path, "org.freedesktop.DBus.Introspectable", "Introspect", []))[0];
            var document = XDocument.Parse(xml.Value);
            foreach (var node in document.Root!.Elements("node"))
            {
                paths.Enqueue(path.TrimEnd('/') + "/" + (string)node.Attribute("name")!);
            }
            foreach (var @interface in document.Root.Elements("interface"))
            {
                var name = (string)@interface.Attribute("name")!;
                if (name.StartsWith("org.freedesktop.DBus.", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (var method in @interface.Elements("method"))
                {
                    var input = string.Concat(method.Elements("arg").Where(a => (string?)a.Attribute("direction") != "out").Select(a => (string)a.Attribute("type")!));
                    methods.Add(new Method(path, name, (string)method.Attribute("name")!, input));
                }
            }
        }
        return methods;
    }

    private static readonly string[] BasicTypes = ["y", "b", "i", "u", "x", "t", "d", "s", "o"];

    private static string RandomSignature(Random random)
    {
        var count = random.Next(0, 4);
        return string.Concat(Enumerable.Range(0, count).Select(_ => RandomType(random, 0)));
    }

    private static string RandomType(Random random, int depth) => (depth >= 3 ? random.Next(0, 9) : random.Next(0, 13)) switch
    {
        < 9 and var basic => BasicTypes[basic],
        9 => "v",
        10 => "a" + RandomType(random, depth + 1),
        11 => "a{" + BasicTypes[random.Next(BasicTypes.Length)] + RandomType(random, depth + 1) + "}",
        _ => "(" + RandomType(random, depth + 1) + RandomType(random, depth + 1) + ")",
    };

    /// <summary>Splits a signature into its complete types ("sa{sv}i" → "s", "a{sv}", "i").</summary>
    private static List<string> SplitCompleteTypes(string signature)
    {
        var types = new List<string>();
        for (var at = 0; at < signature.Length;)
        {
            var end = CompleteTypeEnd(signature, at);
            types.Add(signature[at..end]);
            at = end;
        }
        return types;
    }

    private static int CompleteTypeEnd(string signature, int at)
    {
        switch (signature[at])
        {
            case 'a':
                return CompleteTypeEnd(signature, at + 1);
            case '(' or '{':
                var close = signature[at] == '(' ? ')' : '}';
                var next = at + 1;
                while (signature[next] != close)
                {
                    next = CompleteTypeEnd(signature, next);
                }
                return next + 1;
            default:
                return at + 1;
        }
    }

    private static DBusValue RandomValue(string type, Random random, int depth)
    {
        switch (type[0])
        {
            case 'y': return DBusValue.Byte((byte)random.Next(256));
            case 'b': return DBusValue.Boolean(random.Next(2) == 1);
            case 'i': return DBusValue.Int32(random.Next(5) == 0 ? int.MinValue : random.Next(-5, 20));
            case 'u': return DBusValue.UInt32(random.Next(5) == 0 ? uint.MaxValue : (uint)random.Next(0, 20));
            case 'x': return DBusValue.Int64(random.NextInt64());
            case 't': return DBusValue.UInt64((ulong)random.NextInt64());
            case 'd': return DBusValue.Double(random.Next(4) == 0 ? double.NaN : random.NextDouble() * 1e6);
            case 's': return DBusValue.String(RandomText(random));
            case 'o': return DBusValue.ObjectPath(random.Next(3) switch { 0 => "/", 1 => "/org/freedesktop/ModemManager1/Bearer/" + random.Next(0, 5), _ => "/org/freedesktop/ModemManager1/Modem/" + random.Next(0, 5) });
            case 'v':
                var inner = depth >= 3 ? "s" : RandomType(random, depth + 1);
                return DBusValue.Variant(RandomValue(inner, random, depth + 1));
            case 'a' when type[1] == '{':
                var key = type[2..CompleteTypeEnd(type, 2)];
                var value = type[(2 + key.Length)..^1];
                var entries = Enumerable.Range(0, random.Next(0, 4)).Select(_ => KeyValuePair.Create(
                    key == "s" && random.Next(2) == 0 ? DBusValue.String(KnownKeys[random.Next(KnownKeys.Length)]) : RandomValue(key, random, depth + 1),
                    RandomValue(value, random, depth + 1)));
                return DBusValue.Dictionary(key, value, entries.ToList());
            case 'a':
                var element = type[1..];
                return DBusValue.Array(element, Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(element, random, depth + 1)).ToList());
            case '(':
                return DBusValue.Struct(SplitCompleteTypes(type[1..^1]).Select(field => RandomValue(field, random, depth + 1)).ToArray());
            default:
                throw new InvalidOperationException($"the fuzzer cannot build '{type}'");
        }
    }

    /// <summary>Keys the daemon knows (Simple.Connect, CreateBearer), so dictionaries reach the validators' deeper branches.</summary>
    private static readonly string[] KnownKeys = ["apn", "user", "password", "ip-type", "allowed-auth", "allow-roaming", "pin", "operator-id", "number"];

    private static string RandomText(Random random) => random.Next(6) switch
    {
        0 => "",
        1 => new string('x', random.Next(100, 5000)),
        2 => "internet\r\nAT+CFUN=0",
        3 => "1234",
        4 => Encoding.UTF8.GetString(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(1, 128)).ToArray()),
        _ => "ünïcödé-☃",
    };
}
