using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WwanDaemon.Cli.Live;
using static WwanDaemon.Cli.Live.ModemManagerNames;

namespace WwanDaemon.Cli.Formatting;

/// <summary>
/// The machine-readable output of the live commands (--json). Enum values are mmcli's words;
/// absent facts are null, never left out, so scripts can index without checking.
/// </summary>
public static class ModemJsonFormatter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Indented);

    /// <summary>One line, for JSON lines (watch).</summary>
    public static string WriteLine(JsonNode node) => node.ToJsonString(Compact);

    public static JsonObject List(DaemonSnapshot snapshot) => new()
    {
        ["modems"] = new JsonArray([.. snapshot.Modems.Select(Summary)]),
        ["devices"] = new JsonArray([.. snapshot.Devices.Select(Device)]),
    };

    public static JsonObject Summary(ModemView modem) => new()
    {
        ["index"] = modem.Index,
        ["path"] = modem.Path,
        ["id"] = modem.Id,
        ["manufacturer"] = modem.Manufacturer,
        ["model"] = modem.Model,
        ["state"] = modem.StateName,
        ["controlPort"] = modem.ControlPort,
    };

    public static JsonObject Device(SeenDeviceView device) => new()
    {
        ["id"] = device.Id,
        ["device"] = device.Device,
        ["vendorId"] = device.VendorId is { } vendor ? $"{vendor:x4}" : null,
        ["productId"] = device.ProductId is { } product ? $"{product:x4}" : null,
        ["description"] = device.Description,
        ["reason"] = device.Reason,
    };

    public static JsonObject Status(ModemView modem)
    {
        var status = Summary(modem);
        status["revision"] = modem.Revision;
        status["stateReason"] = modem.StateReason;
        status["failedReason"] = modem.FailedReason;
        status["sim"] = new JsonObject
        {
            ["path"] = modem.SimPath,
            ["lock"] = Lock(modem.UnlockRequired),
            ["pinRetries"] = modem.PinRetries,
            ["pukRetries"] = modem.PukRetries,
        };
        status["operator"] = new JsonObject { ["name"] = modem.OperatorName, ["code"] = modem.OperatorCode };
        status["registration"] = Registration(modem.Registration);
        status["signalPercent"] = modem.SignalPercent;
        status["accessTechnologies"] = AccessTechnologies(modem.AccessTechnologies);
        status["ports"] = new JsonArray([.. modem.Ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["type"] = p.Type })]);
        status["primaryPort"] = modem.PrimaryPort;
        status["controlProtocol"] = modem.ControlProtocol;
        status["primaryAtPort"] = modem.PrimaryAtPort;
        status["usb"] = new JsonObject
        {
            ["configuration"] = modem.Configuration,
            ["actions"] = new JsonArray([.. modem.Actions.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["warnings"] = new JsonArray([.. modem.Warnings.Select(w => (JsonNode)JsonValue.Create(w))]),
        };
        status["reconnectAttempts"] = modem.ReconnectAttempts;
        status["ipApplied"] = modem.IpApplied;
        status["bearer"] = modem.ConnectedBearer is { } bearer ? Bearer(bearer) : null;
        return status;
    }

    public static JsonObject Bearer(BearerView bearer) => new()
    {
        ["path"] = bearer.Path,
        ["interface"] = bearer.Interface,
        ["connected"] = bearer.Connected,
        ["ipv4"] = bearer.Ipv4 is { } v4 ? Ip(v4) : null,
        ["ipv6"] = bearer.Ipv6 is { } v6 ? Ip(v6) : null,
    };

    private static JsonObject Ip(IpSettings ip) => new()
    {
        ["method"] = ip.Method,
        ["address"] = ip.Address,
        ["prefix"] = ip.Prefix,
        ["gateway"] = ip.Gateway,
        ["dns"] = new JsonArray([.. ip.Dns.Select(d => (JsonNode)JsonValue.Create(d))]),
        ["mtu"] = ip.Mtu,
    };

    public static JsonObject Event(WatchEvent change)
    {
        var json = new JsonObject
        {
            ["event"] = change.Kind,
            ["path"] = change.Path,
            ["index"] = ModemView.IndexOf(change.Path),
            ["id"] = change.Id,
        };
        foreach (var (key, value) in change.Details)
        {
            json[key] = value switch
            {
                null => null,
                string text => JsonValue.Create(text),
                long number => JsonValue.Create(number),
                int number => JsonValue.Create(number),
                bool flag => JsonValue.Create(flag),
                _ => JsonValue.Create(value.ToString()),
            };
        }
        return json;
    }
}

/// <summary>
/// Something watch reports: kind "state" (old, new, reason), "signal" (percent), "added" (name,
/// state), "removed", or "daemon" (running).
/// </summary>
public sealed record WatchEvent(string Kind, string Path, string? Id, IReadOnlyList<KeyValuePair<string, object?>> Details);
