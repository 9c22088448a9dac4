using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Tests;

/// <summary>Every declared command and kind, built from values, survives encode -> transfers -> reassembly -> decode -> encode.</summary>
public class MbimDeclaredRoundTripTests
{
    private static readonly MbimDeclarations Declarations = MbimDeclarations.Embedded;

    public static TheoryData<string, string, string, int> Kinds()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var service in Declarations.Services)
        {
            foreach (var command in service.Commands)
            {
                foreach (var (kind, layout) in Layouts(command))
                {
                    data.Add(service.Service, command.Name, kind, 0);
                    data.Add(service.Service, command.Name, kind, 2);
                }
            }
        }
        return data;
    }

    private static IEnumerable<(string Kind, IReadOnlyList<MbimFieldDeclaration> Layout)> Layouts(MbimCommandDeclaration command)
    {
        if (command.Query is { } query) yield return ("query", query);
        if (command.Set is { } set) yield return ("set", set);
        if (command.Response is { } response) yield return ("response", response);
        if (command.Notification is { } notification) yield return ("notification", notification);
    }

    [Fact]
    public void Declarations_HaveTheContractCommands()
    {
        string[] required =
        [
            "Device Caps", "Subscriber Ready Status", "Radio State", "Pin", "Pin List", "Home Provider", "Register State",
            "Packet Service", "Signal State", "Connect", "IP Configuration", "Device Services", "Device Service Subscribe List", "Packet Statistics",
        ];
        foreach (var name in required)
        {
            Assert.Equal(new Guid("a289cc33-bcbb-8b4f-b6b0-133ec2aae6df"), Declarations.Find("basic-connect", name).Service);
        }
        var (qmi, msg) = Declarations.Find("qmi", "Msg");
        Assert.Equal(new Guid("d1a30bc2-f97a-6e43-bf65-c7e24fb0f0d3"), qmi);
        Assert.Equal(1u, msg.Cid);
        Assert.Equal("HwRadioState", Declarations.Find("basic-connect", "Radio State").Command.Response![0].Name);
        Assert.Equal("basic-connect", Declarations.ServiceName(new Guid("a289cc33-bcbb-8b4f-b6b0-133ec2aae6df")));
        Assert.Null(Declarations.ServiceName(Guid.Empty));
    }

    [Fact]
    public void Find_UnknownNames_ListWhatExists()
    {
        var service = Assert.Throws<ArgumentException>(() => Declarations.Find("sms", "Read"));
        Assert.Contains("basic-connect", service.Message, StringComparison.Ordinal);
        var command = Assert.Throws<ArgumentException>(() => Declarations.Find("basic-connect", "Radio"));
        Assert.Contains("'Radio State'", command.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DeclaredKind_FromValues_RoundTripsExactly(string service, string command, string kind, int elements)
    {
        var (_, declaration) = Declarations.Find(service, command);
        var layout = Layouts(declaration).Single(l => l.Kind == kind).Layout;
        var fields = SampleValues.For(layout, elements);
        var message = Build(service, command, kind, fields);

        if (service != "qmi")
        {
            Assert.Equal(0, InformationBuffer(message).Length % 4); // every item padded, the last one too
        }
        foreach (var max in new[] { 64, 4096 })
        {
            var transfers = MbimMessageCodec.Encode(message, max);
            var received = Assert.Single(Transfers.Reassemble(Transfers.Cut(Transfers.Concat(transfers))));
            var decoded = MbimMessageInterpreter.Decode(Declarations, received);

            Assert.Equal(service, decoded.Service);
            Assert.Equal(command, decoded.Command);
            Assert.Equal(fields, decoded.Fields);
            Assert.Equal(message, Build(service, command, kind, decoded.Fields));
        }
    }

    private static MbimMessage Build(string service, string command, string kind, IReadOnlyList<QmiField> fields) => kind switch
    {
        "query" => MbimMessageInterpreter.EncodeCommand(Declarations, service, command, MbimCommandType.Query, 5, fields),
        "set" => MbimMessageInterpreter.EncodeCommand(Declarations, service, command, MbimCommandType.Set, 6, fields),
        "response" => MbimMessageInterpreter.EncodeResponse(Declarations, new MbimCommand(7, Declarations.ServiceId(service), Declarations.Find(service, command).Command.Cid, MbimCommandType.Query, []), MbimStatus.Success, fields),
        _ => MbimMessageInterpreter.EncodeNotification(Declarations, service, command, fields),
    };

    private static byte[] InformationBuffer(MbimMessage message) => message switch
    {
        MbimCommand command => command.InformationBuffer,
        MbimCommandDone done => done.InformationBuffer,
        _ => ((MbimIndicateStatus)message).InformationBuffer,
    };

    [Fact]
    public void Encode_MissingField_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => MbimMessageInterpreter.EncodeCommand(Declarations, "basic-connect", "Pin", MbimCommandType.Set, 1,
            [new QmiField("PinType", new QmiInteger(2)), new QmiField("PinOperation", new QmiInteger(0)), new QmiField("Pin", new QmiString("1234"))]));
        Assert.Contains("NewPin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_KindNotDeclared_Throws()
    {
        Assert.Throws<ArgumentException>(() => MbimMessageInterpreter.EncodeCommand(Declarations, "basic-connect", "Device Caps", MbimCommandType.Set, 1, []));
    }

    [Fact]
    public void Encode_ArrayCountDisagreesWithGivenSizeField_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MbimMessageInterpreter.EncodeCommand(Declarations, "basic-connect", "Device Service Subscribe List", MbimCommandType.Set, 1,
            [new QmiField("EventsCount", new QmiInteger(3)), new QmiField("Events", new QmiArray([]))]));
        Assert.Contains("EventsCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeResponse_FailureWithoutFields_HasEmptyBuffer()
    {
        var request = MbimMessageInterpreter.EncodeCommand(Declarations, "basic-connect", "Register State", MbimCommandType.Query, 9, []);
        var done = MbimMessageInterpreter.EncodeResponse(Declarations, request, MbimStatus.SimNotInserted, []);
        Assert.Empty(done.InformationBuffer);
        Assert.Empty(MbimMessageInterpreter.Decode(Declarations, done).Fields);
    }

    [Fact]
    public void Decode_UndeclaredCommand_KeepsMessageWithoutNames()
    {
        var decoded = MbimMessageInterpreter.Decode(Declarations, new MbimCommandDone(1, Guid.NewGuid(), 3, 0, [1, 2, 3, 4]));
        Assert.Null(decoded.Service);
        Assert.Null(decoded.Command);
        Assert.Empty(decoded.Fields);
    }

    [Fact]
    public void HomeProvider_StringsInsideTheInlineStruct_DecodeByName()
    {
        var set = MbimMessageInterpreter.EncodeCommand(Declarations, "basic-connect", "Home Provider", MbimCommandType.Set, 1,
        [
            new QmiField("Provider", new QmiStruct(
            [
                new QmiField("ProviderId", new QmiString("26201")),
                new QmiField("ProviderState", new QmiInteger(1)),
                new QmiField("ProviderName", new QmiString("Telekom.de")),
                new QmiField("CellularClass", new QmiInteger(1)),
                new QmiField("Rssi", new QmiInteger(20)),
                new QmiField("ErrorRate", new QmiInteger(99)),
            ])),
        ]);
        // 32-byte fixed part; "26201" = 10 bytes -> padded to 12 at offset 32; the name at 44.
        Assert.Equal(AnnotatedHex.Parse("20 00 00 00  0a 00 00 00"), set.InformationBuffer[..8]);
        Assert.Equal(AnnotatedHex.Parse("2c 00 00 00  14 00 00 00"), set.InformationBuffer[12..20]);
        var decoded = MbimMessageInterpreter.Decode(Declarations, set);
        Assert.Equal("Telekom.de", decoded["Provider"]!.AsStruct()["ProviderName"].AsString());
    }
}
