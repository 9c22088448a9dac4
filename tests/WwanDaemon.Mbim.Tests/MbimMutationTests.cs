using System.Buffers;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;

namespace WwanDaemon.Mbim.Tests;

/// <summary>
/// Thousands of random mutations of valid transfers go through the reader and the reassembler the
/// way the client's read loop drives them: only <see cref="MbimProtocolException"/> may escape, and
/// every pass ends (each step consumes bytes or skips one).
/// </summary>
public class MbimMutationTests
{
    private static List<byte[]> Seeds() =>
    [
        .. MbimMessageCodec.Encode(new MbimOpen(1, 4096)),
        .. MbimMessageCodec.Encode(new MbimOpenDone(1, 0)),
        .. MbimMessageCodec.Encode(new MbimCommand(2, Transfers.BasicConnect, 1, MbimCommandType.Query, [])),
        .. MbimMessageCodec.Encode(new MbimCommandDone(2, Transfers.BasicConnect, 1, 0, Transfers.Pattern(200)), 64),
        .. MbimMessageCodec.Encode(new MbimIndicateStatus(0, Transfers.BasicConnect, 11, Transfers.Pattern(40))),
        .. MbimMessageCodec.Encode(new MbimFunctionError(3, MbimProtocolError.Unknown)),
        .. MbimMessageCodec.Encode(new MbimClose(4)),
        .. DeclaredSeeds(),
    ];

    /// <summary>Every declared kind with values, so mutations reach the information-buffer decoder.</summary>
    private static IEnumerable<byte[]> DeclaredSeeds()
    {
        foreach (var row in MbimDeclaredRoundTripTests.Kinds())
        {
            var (service, command, kind, elements) = ((string)row[0], (string)row[1], (string)row[2], (int)row[3]);
            var declaration = MbimDeclarations.Embedded.Find(service, command).Command;
            var layout = kind switch { "query" => declaration.Query, "set" => declaration.Set, "response" => declaration.Response, _ => declaration.Notification };
            var fields = SampleValues.For(layout!, elements);
            MbimMessage message = kind switch
            {
                "query" or "set" => MbimMessageInterpreter.EncodeCommand(MbimDeclarations.Embedded, service, command, kind == "query" ? MbimCommandType.Query : MbimCommandType.Set, 8, fields),
                "response" => MbimMessageInterpreter.EncodeResponse(MbimDeclarations.Embedded, new MbimCommand(9, MbimDeclarations.Embedded.ServiceId(service), declaration.Cid, MbimCommandType.Query, []), 0, fields),
                _ => MbimMessageInterpreter.EncodeNotification(MbimDeclarations.Embedded, service, command, fields),
            };
            foreach (var transfer in MbimMessageCodec.Encode(message, elements == 0 ? 4096 : 64))
            {
                yield return transfer;
            }
        }
    }

    [Fact]
    public void Mutations_OfValidTransfers_OnlyThrowProtocolExceptions()
    {
        var random = new Random(20240611);
        var seeds = Seeds();
        var stats = new MutationStats();
        for (var round = 0; round < 20000; round++)
        {
            var stream = Mutate(random, seeds);
            Feed(stream, new MbimReassembler(), stats);
        }
        Assert.True(stats.Messages > 1000, $"only {stats.Messages} messages survived; the mutations are too harsh to test anything");
        Assert.True(stats.Errors > 1000, $"only {stats.Errors} protocol errors; the mutations are too gentle");
    }

    internal sealed class MutationStats
    {
        public int Messages { get; set; }

        public int Errors { get; set; }
    }

    /// <summary>The client's loop: cut, resynchronise on garbage, reassemble; anything but MbimProtocolException fails the test.</summary>
    internal static List<MbimMessage> Feed(byte[] stream, MbimReassembler reassembler, MutationStats stats)
    {
        var messages = new List<MbimMessage>();
        var buffer = new ReadOnlySequence<byte>(stream);
        while (!buffer.IsEmpty)
        {
            byte[] transfer;
            try
            {
                if (!MbimTransferReader.TryRead(ref buffer, out transfer))
                {
                    break; // the rest is an unfinished transfer
                }
            }
            catch (MbimProtocolException)
            {
                stats.Errors++;
                buffer = buffer.Slice(1);
                continue;
            }
            try
            {
                if (reassembler.Accept(transfer) is { } message)
                {
                    messages.Add(message);
                    stats.Messages++;
                    MbimMessageInterpreter.Decode(MbimDeclarations.Embedded, message);
                }
            }
            catch (MbimProtocolException)
            {
                stats.Errors++;
            }
        }
        return messages;
    }

    internal static byte[] Mutate(Random random, List<byte[]> seeds)
    {
        var parts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => seeds[random.Next(seeds.Count)].ToArray()).ToList();
        if (random.Next(4) == 0 && parts.Count > 1)
        {
            (parts[0], parts[^1]) = (parts[^1], parts[0]); // reorder transfers (and fragments)
        }
        var bytes = parts.SelectMany(p => p).ToList();
        var mutations = random.Next(1, 4);
        for (var i = 0; i < mutations && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 16), bytes.Count - at));
                    break;
                case 3:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                    break;
                case 4:
                    // a length or count word set to an extreme
                    var word = at - (at % 4);
                    var value = random.Next(3) switch { 0 => 0u, 1 => uint.MaxValue, _ => (uint)random.Next(0, 70000) };
                    for (var b = 0; b < 4 && word + b < bytes.Count; b++)
                    {
                        bytes[word + b] = (byte)(value >> (8 * b));
                    }
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at); // truncate
                    break;
            }
        }
        return bytes.ToArray();
    }
}
