using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// The simulator must never die on host input: every declared command, queried and set with hostile
/// buffers (random words, and well-formed layouts holding extreme values), gets a COMMAND_DONE for its
/// transaction, no handler throws, and random QMUX frames through the QMI service leave the port
/// answering. Seeded, so a failure names a reproducible input; no step waits on a clock.
/// </summary>
public class SimulatedMbimHostileInputTests
{
    private static readonly uint[] Words = [0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 99, 0xff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

    [Theory]
    [InlineData("default", 1)]
    [InlineData("pin-locked", 2)]
    [InlineData("em7355-fcc-locked", 3)]
    public async Task EveryDeclaredCommand_HostileBuffers_AnsweredWithoutHandlerFailures(string profile, int seed)
    {
        var port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get(profile)));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();
        var random = new Random(seed);

        foreach (var service in RawMbimHost.Declarations.Services)
        {
            foreach (var command in service.Commands)
            {
                foreach (var type in new[] { MbimCommandType.Query, MbimCommandType.Set })
                {
                    var layout = type == MbimCommandType.Query ? command.Query : command.Set;
                    for (var round = 0; round < 30; round++)
                    {
                        var request = layout is not null && round % 2 == 0
                            ? MbimMessageInterpreter.EncodeCommand(RawMbimHost.Declarations, service.Service, command.Name, type, host.NextTransaction(), Fields(layout, random))
                            : new MbimCommand(host.NextTransaction(), service.ServiceId, command.Cid, type, RandomWords(random));
                        await host.SendAsync(request);

                        var answer = await AnswerToAsync(host, request.TransactionId);

                        var what = $"{service.Service} {command.Name} {type} {Convert.ToHexString(request.InformationBuffer)}";
                        Assert.True(answer is MbimCommandDone, $"{what}: answered {answer?.ToString() ?? "nothing"}");
                        Assert.True(port.HandlerFailures == 0, $"{what}: {port.LastHandlerFailure}");
                    }
                }
            }
        }
        Assert.Equal(0, port.QmiPort.HandlerFailures);
    }

    [Fact]
    public async Task RandomQmuxFramesThroughTheQmiService_ThePortKeepsAnswering()
    {
        var port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get("em7355-fcc-locked")));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();
        var random = new Random(7);
        var qmi = RawMbimHost.Declarations.ServiceId("qmi");

        for (var round = 0; round < 150; round++)
        {
            // A QMUX header (interface type 1, length, flags 0, service, client) around a random SDU.
            var sdu = new byte[random.Next(0, 40)];
            random.NextBytes(sdu);
            byte[] frame = [1, (byte)(5 + sdu.Length), 0, 0, (byte)random.Next(0, 6), (byte)random.Next(0, 4), .. sdu];
            await host.SendAsync(new MbimCommand(host.NextTransaction(), qmi, 1, MbimCommandType.Set, frame));

            // The port reads in order: the query after the frame is answered only if the frame did not stop it.
            var caps = await host.RequestAsync("basic-connect", "Device Caps", MbimCommandType.Query);
            Assert.True(caps.Status == 0, $"after QMUX {Convert.ToHexString(frame)}: status {caps.StatusName}");
        }
        Assert.Equal(0, port.HandlerFailures);
        Assert.Equal(0, port.QmiPort.HandlerFailures);
    }

    private static async Task<MbimMessage?> AnswerToAsync(RawMbimHost host, uint transactionId)
    {
        while (await host.ReceiveAsync() is { } message)
        {
            if (message.TransactionId == transactionId)
            {
                return message;
            }
        }
        return null;
    }

    private static byte[] RandomWords(Random random)
    {
        var buffer = new byte[random.Next(0, 3) == 0 ? random.Next(0, 8) : random.Next(0, 48) * 4];
        for (var i = 0; i + 4 <= buffer.Length; i += 4)
        {
            var word = random.Next(0, 3) == 0 ? (uint)random.Next(0, buffer.Length + 8) : Words[random.Next(Words.Length)];
            BitConverter.TryWriteBytes(buffer.AsSpan(i), word);
        }
        return buffer;
    }

    /// <summary>Values for a layout that encode (counts agree with their arrays) but are extreme: huge ids, empty and long strings, random UUIDs.</summary>
    private static List<QmiField> Fields(IReadOnlyList<MbimFieldDeclaration> layout, Random random)
    {
        var counts = layout.Where(f => f.ArraySizeField is not null).Select(f => f.ArraySizeField!).Distinct().ToDictionary(name => name, _ => random.Next(0, 4));
        var fields = new List<QmiField>();
        foreach (var field in layout)
        {
            if (counts.TryGetValue(field.Name, out var count))
            {
                fields.Add(new(field.Name, new QmiInteger(count)));
            }
            else if (!(field.Format is MbimFormats.RefIpv4 or MbimFormats.RefIpv6 && random.Next(2) == 0))
            {
                fields.Add(new(field.Name, Value(field, field.ArraySizeField is { } size ? counts[size] : 0, random)));
            }
        }
        return fields;
    }

    private static QmiValue Value(MbimFieldDeclaration field, int count, Random random) => field.Format switch
    {
        MbimFormats.Guint32 => new QmiInteger(Words[random.Next(Words.Length)]),
        MbimFormats.Gint32 => new QmiInteger(unchecked((int)Words[random.Next(Words.Length)])),
        MbimFormats.Guint64 => new QmiInteger(random.Next(3) switch { 0 => 0, 1 => -1, _ => long.MaxValue }),
        MbimFormats.Uuid => new QmiString(random.Next(3) == 0 ? MbimConnectFaceContext.Internet : new Guid(random.Next(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).ToString()),
        MbimFormats.String => new QmiString(random.Next(5) switch { 0 => "", 1 => "1234", 2 => new string('9', 300), 3 => "\ud800x", _ => "internet" }),
        MbimFormats.Ipv4 or MbimFormats.RefIpv4 => new QmiString(random.Next(2) == 0 ? "255.255.255.255" : "0.0.0.0"),
        MbimFormats.Ipv6 or MbimFormats.RefIpv6 => new QmiString("::"),
        MbimFormats.RefByteArray => new QmiBytes(new byte[count]),
        MbimFormats.UnsizedByteArray => new QmiBytes(Enumerable.Range(0, random.Next(0, 40)).Select(_ => (byte)random.Next(256)).ToArray()),
        MbimFormats.Struct => new QmiStruct(Fields(field.StructFields!, random)),
        MbimFormats.StringArray => Array(count, () => new QmiString("x")),
        MbimFormats.Guint32Array => Array(count, () => new QmiInteger(Words[random.Next(Words.Length)])),
        MbimFormats.Ipv4Array => Array(count, () => new QmiString("1.2.3.4")),
        MbimFormats.Ipv6Array => Array(count, () => new QmiString("::1")),
        _ => Array(count, () => new QmiStruct(Fields(field.StructFields!, random))),
    };

    private static QmiArray Array(int count, Func<QmiValue> element) => new(Enumerable.Range(0, count).Select(_ => element()).ToArray());
}
