using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;

namespace WwanDaemon.Mbim.Tests;

/// <summary>
/// Every file under tests/fixtures/mbim-messages: transfers -> reassembler -> interpreter -> fields ->
/// interpreter -> codec (at the file's transfer size) must give the file's bytes back exactly.
/// </summary>
public class MbimFixtureRoundTripTests
{
    private static readonly MbimDeclarations Declarations = MbimDeclarations.Embedded;

    public static TheoryData<string> Canonical => FixtureFile.Under("", includeNoncanonical: false);

    public static TheoryData<string> Noncanonical => FixtureFile.Under("captured-noncanonical", includeNoncanonical: true);

    [Fact]
    public void Fixtures_Exist()
    {
        Assert.NotEmpty(Canonical);
    }

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Fixture_DecodeAndReencode_GivesSameBytes(string file)
    {
        var fixture = FixtureFile.Load(file);
        var message = fixture.Message();
        var decoded = MbimMessageInterpreter.Decode(Declarations, message);

        var rebuilt = Reencode(decoded);

        Assert.Equal(message, rebuilt);
        Assert.Equal(fixture.Bytes, Transfers.Concat(MbimMessageCodec.Encode(rebuilt, fixture.MaxControlTransfer)));
        if (message is MbimCommand or MbimCommandDone or MbimIndicateStatus)
        {
            Assert.NotNull(decoded.Service);
            Assert.NotNull(decoded.Command);
        }
    }

    [Theory]
    [MemberData(nameof(Noncanonical))]
    public void CapturedNoncanonical_Decodes(string file)
    {
        var decoded = MbimMessageInterpreter.Decode(Declarations, FixtureFile.Load(file).Message());
        Assert.NotNull(decoded.Command);
        Assert.NotEmpty(decoded.Fields);
    }

    [Fact]
    public void WrongPinResponse_CarriesRemainingAttempts()
    {
        var decoded = MbimMessageInterpreter.Decode(Declarations, FixtureFile.Load("basic-connect/04-pin.response.wrong-pin.hex").Message());
        Assert.NotEqual(MbimStatus.Success, decoded.Status);
        Assert.NotNull(decoded["RemainingAttempts"]);
    }

    [Fact]
    public void FailedStatusWithEmptyBuffer_DecodesToNoFields()
    {
        var decoded = MbimMessageInterpreter.Decode(Declarations, FixtureFile.Load("basic-connect/09-register-state.response.sim-not-inserted.hex").Message());
        Assert.Equal(MbimStatus.SimNotInserted, decoded.Status);
        Assert.Equal("SimNotInserted", decoded.StatusName);
        Assert.Empty(decoded.Fields);
    }

    private static MbimMessage Reencode(MbimDecodedMessage decoded)
    {
        switch (decoded.Message)
        {
            case MbimCommand command:
                return MbimMessageInterpreter.EncodeCommand(Declarations, decoded.Service!, decoded.Command!, command.CommandType, command.TransactionId, decoded.Fields);
            case MbimCommandDone done:
                var request = new MbimCommand(done.TransactionId, done.Service, done.Cid, MbimCommandType.Query, []);
                return MbimMessageInterpreter.EncodeResponse(Declarations, request, done.Status, decoded.Fields);
            case MbimIndicateStatus indication:
                return MbimMessageInterpreter.EncodeNotification(Declarations, decoded.Service!, decoded.Command!, decoded.Fields) with { TransactionId = indication.TransactionId };
            default:
                Assert.Empty(decoded.Fields);
                return decoded.Message;
        }
    }
}
