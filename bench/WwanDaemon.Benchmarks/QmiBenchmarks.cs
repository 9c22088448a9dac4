using BenchmarkDotNet.Attributes;
using WwanDaemon.Linux.Terminals;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Declarations;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Links;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Benchmarks
{
    /// <summary>Encode + decode of whole QMI messages through the declarations (bytes → named values → bytes).</summary>
    [MemoryDiagnoser]
    public class QmiCodecBenchmarks
    {
        private readonly Dictionary<string, byte[]> frames = [];

        [Params("DMS Get IDs response", "NAS Get Serving System response", "WDS Get Current Settings response", "UIM Get Card Status response")]
        public string Message { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            // Responses as the simulator writes them for the default profile, with a session up.
            var modem = new SimulatedModem(Profiles.Get("default"));
            var session = modem.StartSession("internet", 4).Session!;
            var declarations = QmiDeclarations.Embedded;
            byte[] Response(string service, string name, params QmiField[] tlvs)
            {
                var (serviceId, messageId, _) = declarations.Find(service, name);
                return QmuxFramer.Write(QmiMessageCodec.Encode(QmiMessageInterpreter.Encode(declarations, serviceId, 1, 7, messageId, QmiMessageKind.Response, tlvs)));
            }
            frames["DMS Get IDs response"] = Response("dms", "Get IDs", new QmiField("Esn", new QmiString("0")), new QmiField("Imei", new QmiString(modem.Profile.Imei)), new QmiField("Meid", new QmiString(modem.Profile.Meid)));
            frames["NAS Get Serving System response"] = Response("nas", "Get Serving System", new QmiField("Serving System", new QmiStruct([
                new QmiField("Registration State", new QmiInteger(1)), new QmiField("CS Attach State", new QmiInteger(1)), new QmiField("PS Attach State", new QmiInteger(1)),
                new QmiField("Selected Network", new QmiInteger(2)), new QmiField("Radio Interfaces", new QmiArray([new QmiInteger(8)]))])),
                new QmiField("Roaming Indicator", new QmiInteger(1)),
                new QmiField("Current PLMN", new QmiStruct([new QmiField("MCC", new QmiInteger(1)), new QmiField("MNC", new QmiInteger(1)), new QmiField("Description", new QmiString("Simulated Network"))])));
            frames["WDS Get Current Settings response"] = Response("wds", "Get Current Settings",
                new QmiField("APN Name", new QmiString(session.Apn)), new QmiField("IPv4 Address", new QmiInteger(0xC0000202)), new QmiField("IPv4 Gateway Address", new QmiInteger(0xC0000201)),
                new QmiField("IPv4 Gateway Subnet Mask", new QmiInteger(0xFFFFFF00)), new QmiField("Primary IPv4 DNS Address", new QmiInteger(0xC0000235)), new QmiField("MTU", new QmiInteger(1500)));
            frames["UIM Get Card Status response"] = Response("uim", "Get Card Status", new QmiField("Card Status", new QmiStruct([
                new QmiField("Index GW Primary", new QmiInteger(0)), new QmiField("Index 1x Primary", new QmiInteger(0xffff)), new QmiField("Index GW Secondary", new QmiInteger(0xffff)),
                new QmiField("Index 1x Secondary", new QmiInteger(0xffff)), new QmiField("Cards", new QmiArray([]))])));
        }

        [Benchmark(Description = "decode then encode")]
        public byte[] DecodeEncode()
        {
            var declarations = QmiDeclarations.Embedded;
            var decoded = QmiMessageInterpreter.Decode(QmiMessageCodec.Decode(QmuxFramer.ReadSingle(frames[Message])), declarations);
            var message = decoded.Message;
            return QmuxFramer.Write(QmiMessageCodec.Encode(QmiMessageInterpreter.Encode(declarations, message.Service, message.ClientId, message.TransactionId,
                message.MessageId, message.Kind, decoded.Tlvs, decoded.Result)));
        }
    }

    /// <summary>Request/response round trips between our client and the simulator, over a pseudo-terminal and in memory.</summary>
    [MemoryDiagnoser]
    public class QmiRoundTripBenchmarks
    {
        private readonly CancellationTokenSource stop = new();
        private PseudoTerminal? terminal;
        private SimulatedQmiPort? port;
        private QmiDevice? device;
        private QmiClient? dms;
        private Task serving = Task.CompletedTask;
        private Stream? host;

        [Params("pty", "in-memory")]
        public string Link { get; set; } = "";

        [GlobalSetup]
        public async Task Setup()
        {
            port = new SimulatedQmiPort(new SimulatedModem(Profiles.Get("default")));
            if (Link == "pty")
            {
                terminal = PseudoTerminal.Open();
                serving = Task.Run(() => port.ServeAsync(terminal.Master, stop.Token));
                host = CharacterDevice.Open(terminal.SlavePath);
            }
            else
            {
                var (hostSide, deviceSide) = InMemoryLink.Create();
                serving = Task.Run(() => port.ServeAsync(deviceSide, stop.Token));
                host = hostSide;
            }
            device = await QmiDevice.OpenAsync(host);
            dms = await QmiClient.AllocateAsync(device, "dms", 2);
        }

        [Benchmark(Description = "DMS Get IDs request/response")]
        public Task<QmiDecodedMessage> GetIds() => dms!.RequestAsync("Get IDs");

        [GlobalCleanup]
        public async Task Cleanup()
        {
            await dms!.DisposeAsync();
            await device!.DisposeAsync();
            await host!.DisposeAsync();
            await stop.CancelAsync();
            await serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            terminal?.Dispose();
            port!.Dispose();
        }
    }
}
