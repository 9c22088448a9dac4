using BenchmarkDotNet.Attributes;
using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Benchmarks
{
    /// <summary>
    /// Whole MBIM messages through the engine: transfers -> reassembler -> declarations -> named values,
    /// then values -> information buffer -> transfers. Figures: docs/benchmarks.md.
    /// </summary>
    [MemoryDiagnoser]
    public class MbimCodecBenchmarks
    {
        private readonly Dictionary<string, (IReadOnlyList<byte[]> Transfers, int MaxControlTransfer)> messages = [];

        [Params("Radio State response", "Register State response", "IP Configuration response", "Device Services response", "Device Services response, 64-byte fragments")]
        public string Message { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            var declarations = MbimDeclarations.Embedded;
            MbimCommandDone Response(string command, params QmiField[] fields)
            {
                var (service, declaration) = declarations.Find("basic-connect", command);
                return MbimMessageInterpreter.EncodeResponse(declarations, new MbimCommand(7, service, declaration.Cid, MbimCommandType.Query, []), MbimStatus.Success, fields);
            }
            static QmiField Int(string name, long value) => new(name, new QmiInteger(value));
            static QmiField Text(string name, string value) => new(name, new QmiString(value));
            static QmiStruct Address(string address, int prefix) => new([Int("OnLinkPrefixLength", prefix), Text(address.Contains(':', StringComparison.Ordinal) ? "IPv6Address" : "IPv4Address", address)]);
            static QmiStruct Service(string uuid, params long[] cids) => new([Text("DeviceServiceId", uuid), Int("DssPayload", 0), Int("MaxDssInstances", 0),
                Int("CidsCount", cids.Length), new QmiField("Cids", new QmiArray(cids.Select(c => (QmiValue)new QmiInteger(c)).ToArray()))]);

            var radio = Response("Radio State", Int("HwRadioState", 1), Int("SwRadioState", 1));
            var register = Response("Register State", Int("NwError", 0), Int("RegisterState", 3), Int("RegisterMode", 1), Int("AvailableDataClasses", 0x20),
                Int("CurrentCellularClass", 1), Text("ProviderId", "26201"), Text("ProviderName", "Telekom.de"), Text("RoamingText", ""), Int("RegistrationFlag", 2));
            var ip = Response("IP Configuration", Int("SessionId", 0), Int("IPv4ConfigurationAvailable", 0xf), Int("IPv6ConfigurationAvailable", 0xf),
                Int("IPv4AddressCount", 1), new QmiField("IPv4Address", new QmiArray([Address("10.145.32.7", 30)])),
                Int("IPv6AddressCount", 1), new QmiField("IPv6Address", new QmiArray([Address("2a01:598:a1:1d3a::1", 64)])),
                Text("IPv4Gateway", "10.145.32.5"), Text("IPv6Gateway", "fe80::1"),
                Int("IPv4DnsServerCount", 2), new QmiField("IPv4DnsServer", new QmiArray([new QmiString("10.74.210.210"), new QmiString("10.74.210.211")])),
                Int("IPv6DnsServerCount", 1), new QmiField("IPv6DnsServer", new QmiArray([new QmiString("2a01:598:7ff:0:10:74:210:221")])),
                Int("IPv4Mtu", 1500), Int("IPv6Mtu", 1500));
            var services = Response("Device Services", Int("DeviceServicesCount", 4), Int("MaxDssSessions", 1), new QmiField("DeviceServices", new QmiArray(
            [
                Service("a289cc33-bcbb-8b4f-b6b0-133ec2aae6df", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19, 20),
                Service("533fbeeb-14fe-4467-9f90-33a223e56c3f", 1, 2, 3, 4, 5, 6),
                Service("e550a0c8-5e82-479e-82f7-10abf4c3351f", 1),
                Service("d1a30bc2-f97a-6e43-bf65-c7e24fb0f0d3", 1),
            ])));
            messages["Radio State response"] = (MbimMessageCodec.Encode(radio), 4096);
            messages["Register State response"] = (MbimMessageCodec.Encode(register), 4096);
            messages["IP Configuration response"] = (MbimMessageCodec.Encode(ip), 4096);
            messages["Device Services response"] = (MbimMessageCodec.Encode(services), 4096);
            messages["Device Services response, 64-byte fragments"] = (MbimMessageCodec.Encode(services, 64), 64);
        }

        [Benchmark(Description = "reassemble, decode, encode")]
        public IReadOnlyList<byte[]> DecodeEncode()
        {
            var declarations = MbimDeclarations.Embedded;
            var (transfers, maxControlTransfer) = messages[Message];
            var reassembler = new MbimReassembler();
            MbimMessage? message = null;
            foreach (var transfer in transfers)
            {
                message = reassembler.Accept(transfer);
            }
            var done = (MbimCommandDone)message!;
            var decoded = MbimMessageInterpreter.Decode(declarations, done);
            var request = new MbimCommand(done.TransactionId, done.Service, done.Cid, MbimCommandType.Query, []);
            return MbimMessageCodec.Encode(MbimMessageInterpreter.EncodeResponse(declarations, request, done.Status, decoded.Fields), maxControlTransfer);
        }
    }
}
