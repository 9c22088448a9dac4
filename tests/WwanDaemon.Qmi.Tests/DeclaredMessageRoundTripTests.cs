using System.Globalization;
using System.Net;
using WwanDaemon.Qmi.Declarations;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Qmi.Tests;

/// <summary>
/// Every declared QMI message, as a realistic QMUX frame written as annotated hex in
/// tests/fixtures/qmi-frames/&lt;service&gt;/&lt;Message Name&gt;.&lt;request|response|indication&gt;[.&lt;variant&gt;].hex.
/// A frame lists its TLVs in declaration order (result TLV first in a response); TLVs the declarations do
/// not know are named on a "// undeclared TLVs: 0x.." line.
/// </summary>
public class DeclaredMessageRoundTripTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "fixtures", "qmi-frames");

    private static QmiDeclarations Declarations => QmiDeclarations.Embedded;

    public static TheoryData<string> Frames()
    {
        var data = new TheoryData<string>();
        foreach (var file in FrameFiles())
        {
            data.Add(file);
        }
        return data;
    }

    private static IEnumerable<string> FrameFiles() => Directory.EnumerateFiles(Root, "*.hex", SearchOption.AllDirectories)
        .Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/'))
        .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Frames))]
    public void Frame_RoundTripsByteForByte_ThroughTheCodecAndTheInterpreter(string file)
    {
        var text = File.ReadAllText(Path.Combine(Root, file));
        var bytes = AnnotatedHex.Parse(text);
        var (service, name, kind) = Describe(file);

        // Raw: bytes -> frame -> message -> frame -> bytes, every TLV (declared or not) kept.
        var frame = QmuxFramer.ReadSingle(bytes);
        var message = QmiMessageCodec.Decode(frame);
        Assert.Equal(bytes, QmuxFramer.Write(QmiMessageCodec.Encode(message)));

        // The file is the message its path names.
        var document = Declarations.Services.Single(s => s.Service == service);
        var id = kind == QmiMessageKind.Indication ? Declarations.FindIndication(service, name).MessageId : Declarations.Find(service, name).MessageId;
        Assert.Equal((document.ServiceId, id, kind, kind != QmiMessageKind.Request), (message.Service, message.MessageId, message.Kind, frame.IsFromService));
        Assert.Equal(service == "ctl" ? 0 : frame.ClientId, message.ClientId);

        // Interpreted: named values and back, in declaration order; only the undeclared TLVs are dropped.
        var decoded = QmiMessageInterpreter.Decode(message, Declarations);
        Assert.Equal(name, decoded.Name);
        Assert.Equal(UndeclaredTypes(text), decoded.Unknown.Select(t => t.Type).ToArray());
        Assert.Equal(kind == QmiMessageKind.Response, decoded.Result is not null);
        var reencoded = QmiMessageInterpreter.Encode(
            Declarations, message.Service, message.ClientId, message.TransactionId, message.MessageId, message.Kind, decoded.Tlvs, decoded.Result);
        var declaredOnly = message with { Tlvs = message.Tlvs.Where(t => !decoded.Unknown.Any(u => u.Type == t.Type)).ToList() };
        Assert.Equal(declaredOnly, reencoded);
        Assert.Equal(QmuxFramer.Write(QmiMessageCodec.Encode(declaredOnly)), QmuxFramer.Write(QmiMessageCodec.Encode(reencoded)));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Frame_CommentsEveryLineOfBytes(string file)
    {
        var uncommented = File.ReadAllLines(Path.Combine(Root, file))
            .Where(line => line.Split("//")[0].Trim().Length > 0 && !line.Contains("//", StringComparison.Ordinal));

        Assert.Empty(uncommented);
    }

    [Fact]
    public void EveryDeclaredMessage_HasARequestAndAResponseFrame_AndEveryIndicationAFrame()
    {
        var missing = new List<string>();
        foreach (var document in Declarations.Services)
        {
            foreach (var message in document.Messages)
            {
                missing.AddRange(new[] { "request", "response" }
                    .Select(kind => $"{document.Service}/{message.Name}.{kind}.hex")
                    .Where(path => !File.Exists(Path.Combine(Root, path))));
            }
            missing.AddRange(document.Indications
                .Select(indication => $"{document.Service}/{indication.Name}.indication.hex")
                .Where(path => !File.Exists(Path.Combine(Root, path))));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void EveryService_HasAFrameWithAnUndeclaredTlv()
    {
        var services = FrameFiles()
            .Where(file => UndeclaredTypes(File.ReadAllText(Path.Combine(Root, file))).Length > 0)
            .Select(file => file.Split('/')[0])
            .ToHashSet();

        Assert.Equal(Declarations.Services.Select(s => s.Service).Order().ToArray(), services.Order().ToArray());
    }

    [Fact]
    public void CtlAllocateAndReleaseCid_DecodeServiceAndClientId()
    {
        Assert.Equal(new QmiInteger(2), Decode("ctl/Allocate CID.request.hex")["Service"]);
        var allocated = Decode("ctl/Allocate CID.response.hex");
        Assert.Equal(QmiResult.Success, allocated.Result);
        Assert.Equal(Struct(("Service", 2), ("Cid", 1)), allocated["Allocation Info"]);
        Assert.Equal(Struct(("Service", 2), ("Cid", 1)), Decode("ctl/Release CID.request.hex")["Release Info"]);
        Assert.Equal(Struct(("Service", 2), ("Cid", 1)), Decode("ctl/Release CID.response.hex")["Release Info"]);
    }

    [Fact]
    public void CtlGetVersionInfo_ListsServicesWithVersions()
    {
        var decoded = Decode("ctl/Get Version Info.response.hex");

        var services = decoded["Service list"]!.AsArray();
        Assert.Equal(6, services.Count);
        Assert.Equal(Struct(("Service", 1), ("Major version", 1), ("Minor version", 67)), services[1]);
        Assert.Equal(Struct(("Service", 26), ("Major version", 1), ("Minor version", 16)), services[5]);
        Assert.Equal(new QmiTlv(0x10, [0x0a, .. "SDX55.LE.1"u8]), Assert.Single(decoded.Unknown));
    }

    [Fact]
    public void DmsGetIds_DecodesEveryIdentity()
    {
        var decoded = Decode("dms/Get IDs.response.hex");

        Assert.Equal(new QmiString("0"), decoded["Esn"]);
        Assert.Equal(new QmiString("356938035643809"), decoded["Imei"]);
        Assert.Equal(new QmiString("35693803564380"), decoded["Meid"]);
        Assert.Equal(new QmiString("7"), decoded["Imei Software Version"]);
    }

    [Fact]
    public void DmsUimVerifyPin_WrongPin_ReportsRetries()
    {
        Assert.Equal(new QmiStruct([new("Pin ID", new QmiInteger(1)), new("PIN", new QmiString("1234"))]), Decode("dms/UIM Verify PIN.request.hex")["Info"]);
        var response = Decode("dms/UIM Verify PIN.response.hex");
        Assert.Equal(QmiResult.Failure(QmiErrors.IncorrectPin), response.Result);
        Assert.Equal(Struct(("Verify Retries Left", 2), ("Unblock Retries Left", 10)), response["Pin Retries Status"]);
    }

    [Fact]
    public void UimVerifyPin_DecodesSessionPinAndCardResult()
    {
        var request = Decode("uim/Verify PIN.request.hex");
        Assert.Equal(new QmiStruct([new("Session Type", new QmiInteger(0)), new("Application Identifier", new QmiArray([]))]), request["Session"]);
        Assert.Equal(new QmiStruct([new("PIN ID", new QmiInteger(1)), new("PIN Value", new QmiString("1234"))]), request["Info"]);

        var response = Decode("uim/Verify PIN.response.hex");
        Assert.Equal(QmiResult.Failure(QmiErrors.IncorrectPin), response.Result);
        Assert.Equal(Struct(("Verify Retries Left", 2), ("Unblock Retries Left", 10)), response["Retries Remaining"]);
        Assert.Equal(Struct(("SW1", 0x63), ("SW2", 0xc2)), response["Card Result"]);
        Assert.Equal(new QmiInteger(0xbeef), Decode("uim/Verify PIN.response.token.hex")["Response In Indication Token"]);
    }

    [Fact]
    public void UimGetCardStatus_OneCardWithOneReadyUsim()
    {
        var status = Decode("uim/Get Card Status.response.hex")["Card Status"]!.AsStruct();

        Assert.Equal(new QmiInteger(0x0000), status["Index GW Primary"]);
        Assert.Equal(new QmiInteger(0xffff), status["Index 1x Primary"]);
        var card = Assert.Single(status["Cards"].AsArray()).AsStruct();
        Assert.Equal(new QmiInteger(1), card["Card State"]); // present
        var application = Assert.Single(card["Applications"].AsArray()).AsStruct();
        Assert.Equal(new QmiInteger(2), application["Type"]); // usim
        Assert.Equal(new QmiInteger(7), application["State"]); // ready
        Assert.Equal(Convert.FromHexString("A0000000871002FF33FF018906010000"), application["Application Identifier Value"].AsArray().Select(b => (byte)b.AsInteger()).ToArray());
        Assert.Equal((2, 3, 10), (application["PIN1 State"].AsInteger(), application["PIN1 Retries"].AsInteger(), application["PUK1 Retries"].AsInteger()));
        Assert.Equal((1, 3, 10), (application["PIN2 State"].AsInteger(), application["PIN2 Retries"].AsInteger(), application["PUK2 Retries"].AsInteger()));
    }

    [Fact]
    public void NasGetServingSystem_RegisteredOnLte()
    {
        var decoded = Decode("nas/Get Serving System.response.hex");

        var serving = decoded["Serving System"]!.AsStruct();
        Assert.Equal((1, 1, 1, 2), (serving["Registration State"].AsInteger(), serving["CS Attach State"].AsInteger(), serving["PS Attach State"].AsInteger(), serving["Selected Network"].AsInteger()));
        Assert.Equal(new QmiArray([new QmiInteger(8)]), serving["Radio Interfaces"]); // lte
        Assert.Equal(new QmiInteger(1), decoded["Roaming Indicator"]); // off
        Assert.Equal(new QmiStruct([new("MCC", new QmiInteger(310)), new("MNC", new QmiInteger(410)), new("Description", new QmiString("AT&T"))]), decoded["Current PLMN"]);
        Assert.Equal(new QmiInteger(-20), decoded["Time Zone 3GPP"]);
        Assert.Equal(new QmiInteger(0x0a1b2c03), decoded["CID 3GPP"]);
        Assert.Equal(new QmiInteger(0x2a3b), decoded["LTE TAC"]);
    }

    [Fact]
    public void NasGetSignalInfo_LteAnd5g()
    {
        var decoded = Decode("nas/Get Signal Info.response.hex");

        Assert.Equal(Struct(("RSSI", -67), ("RSRQ", -9), ("RSRP", -95), ("SNR", 94)), decoded["LTE Signal Strength"]);
        Assert.Equal(Struct(("RSRP", -88), ("SNR", 120)), decoded["5G Signal Strength"]);
        Assert.Equal(new QmiInteger(-11), decoded["5G Signal Strength Extended"]);
    }

    [Fact]
    public void NasGetSystemInfo_KeepsThe0xffFillerOfATwoDigitMnc()
    {
        var lte = Decode("nas/Get System Info.response.hex")["LTE System Info v2"]!.AsStruct();

        Assert.Equal(new QmiString("262"), lte["MCC"]);
        Assert.Equal(new QmiString("02\u00ff"), lte["MNC"]);
        Assert.Equal(new QmiInteger(0x4f21), lte["TAC"]);
    }

    [Fact]
    public void WdsStartNetwork_RequestResponseAndCallFailure()
    {
        var request = Decode("wds/Start Network.request.hex");
        Assert.Equal(new QmiString("internet"), request["APN"]);
        Assert.Equal(new QmiInteger(3), request["Authentication Preference"]); // pap | chap
        Assert.Equal(new QmiInteger(4), request["IP Family Preference"]);

        Assert.Equal(new QmiInteger(2264924160), Decode("wds/Start Network.response.hex")["Packet Data Handle"]);

        var failed = Decode("wds/Start Network.response.call-failed.hex");
        Assert.Equal(QmiResult.Failure(QmiErrors.CallFailed), failed.Result);
        Assert.Equal(new QmiInteger(1013), failed["Call End Reason"]); // gsm-wcdma-unknown-apn
        Assert.Equal(Struct(("Type", 6), ("Reason", 27)), failed["Verbose Call End Reason"]);
    }

    [Fact]
    public void WdsGetCurrentSettings_Ipv4_AddressesAreLittleEndianNumbers()
    {
        Assert.Equal(new QmiInteger(0xe330), Decode("wds/Get Current Settings.request.hex")["Requested Settings"]);
        var decoded = Decode("wds/Get Current Settings.response.hex");

        Assert.Equal(new QmiInteger((10L << 24) | (134 << 16) | (23 << 8) | 45), decoded["IPv4 Address"]);
        Assert.Equal("10.134.23.45", Ipv4(decoded["IPv4 Address"]!));
        Assert.Equal("255.255.255.252", Ipv4(decoded["IPv4 Gateway Subnet Mask"]!));
        Assert.Equal("10.134.23.46", Ipv4(decoded["IPv4 Gateway Address"]!));
        Assert.Equal("10.177.0.34", Ipv4(decoded["Primary IPv4 DNS Address"]!));
        Assert.Equal("10.177.0.210", Ipv4(decoded["Secondary IPv4 DNS Address"]!));
        Assert.Equal(new QmiInteger(1500), decoded["MTU"]);
        Assert.Equal(new QmiArray([new QmiString("mnc410.mcc310.gprs")]), decoded["Domain Name List"]);
        Assert.Equal(new QmiInteger(4), decoded["IP Family"]);
    }

    [Fact]
    public void WdsGetCurrentSettings_Ipv6_AddressesAreEightBigEndianGroups()
    {
        var decoded = Decode("wds/Get Current Settings.response.ipv6.hex");

        var address = decoded["IPv6 Address"]!.AsStruct();
        Assert.Equal(new QmiArray([.. new long[] { 0x2001, 0x0db8, 0x85a3, 0x0012, 0, 0, 0, 0x1a2b }.Select(g => new QmiInteger(g))]), address["Address"]);
        Assert.Equal("2001:db8:85a3:12::1a2b", Ipv6(address["Address"]));
        Assert.Equal(new QmiInteger(64), address["Prefix Length"]);
        Assert.Equal("2001:db8:85a3:12::1", Ipv6(decoded["IPv6 Gateway Address"]!.AsStruct()["Address"]));
        Assert.Equal("2001:4860:4860::8888", Ipv6(decoded["IPv6 Primary DNS Address"]!));
        Assert.Equal("2001:4860:4860::8844", Ipv6(decoded["IPv6 Secondary DNS Address"]!));
        Assert.Equal(new QmiInteger(6), decoded["IP Family"]);
    }

    [Fact]
    public void WdaSetDataFormat_RawIpWithQmap()
    {
        var request = Decode("wda/Set Data Format.request.hex");
        Assert.Equal(new QmiInteger(2), request["Link Layer Protocol"]); // raw-ip
        Assert.Equal(new QmiInteger(5), request["Uplink Data Aggregation Protocol"]); // qmap
        Assert.Equal(new QmiInteger(5), request["Downlink Data Aggregation Protocol"]);
        Assert.Equal(new QmiInteger(32), request["Downlink Data Aggregation Max Datagrams"]);
        Assert.Equal(new QmiInteger(32768), request["Downlink Data Aggregation Max Size"]);
        Assert.Equal(Struct(("Endpoint Type", 2), ("Interface Number", 4)), request["Endpoint Info"]); // hsusb, interface 4

        var response = Decode("wda/Set Data Format.response.hex");
        Assert.Equal(new QmiInteger(2), response["Link Layer Protocol"]);
        Assert.Equal(new QmiInteger(16), response["Uplink Data Aggregation Max Datagrams"]);
        Assert.Equal(new QmiInteger(8192), response["Uplink Data Aggregation Max Size"]);
    }

    private static QmiDecodedMessage Decode(string file) =>
        QmiMessageInterpreter.Decode(QmiMessageCodec.Decode(QmuxFramer.ReadSingle(AnnotatedHex.Parse(File.ReadAllText(Path.Combine(Root, file))))), Declarations);

    private static QmiStruct Struct(params (string Name, long Value)[] fields) =>
        new([.. fields.Select(f => new QmiField(f.Name, new QmiInteger(f.Value)))]);

    private static string Ipv4(QmiValue value)
    {
        var number = value.AsInteger();
        return new IPAddress([(byte)(number >> 24), (byte)(number >> 16), (byte)(number >> 8), (byte)number]).ToString();
    }

    private static string Ipv6(QmiValue value) =>
        new IPAddress(value.AsArray().SelectMany(g => new[] { (byte)(g.AsInteger() >> 8), (byte)g.AsInteger() }).ToArray()).ToString();

    /// <summary>"dms/Get IDs.response.hex" → ("dms", "Get IDs", Response); a variant ("…response.ipv6.hex") may follow the kind.</summary>
    private static (string Service, string Name, QmiMessageKind Kind) Describe(string file)
    {
        var service = file.Split('/')[0];
        var parts = Path.GetFileName(file)[..^".hex".Length].Split('.');
        var kindIndex = Array.FindLastIndex(parts, p => p is "request" or "response" or "indication");
        Assert.True(kindIndex > 0, $"{file}: name it <Message Name>.<request|response|indication>[.<variant>].hex");
        var kind = parts[kindIndex] switch
        {
            "request" => QmiMessageKind.Request,
            "response" => QmiMessageKind.Response,
            _ => QmiMessageKind.Indication,
        };
        return (service, string.Join('.', parts[..kindIndex]), kind);
    }

    private static byte[] UndeclaredTypes(string text) => text.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.StartsWith("// undeclared TLVs:", StringComparison.Ordinal))
        .SelectMany(line => line["// undeclared TLVs:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(token => byte.Parse(token.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
        .ToArray();
}
