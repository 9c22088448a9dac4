using System.Text;
using System.Text.Json;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Fleet;

/// <summary>
/// The --until result on one line of stdout, for scripts and tests:
/// {"modems":[{"id":"1-6","state":"connected","configuration":2,"actions":["unbind qcserial 1-6:2.12"],
///   "controlPort":"/dev/cdc-wdm0","controlProtocol":"mbim","ip":{"interface":"wwan0","method":"static",...}}]}
/// Utf8JsonWriter, no reflection: safe for trimming and AOT. Personal data (IMSI, ICCID, IMEI) is never written.
/// </summary>
public static class FleetJsonWriter
{
    public static string Write(IReadOnlyList<ModemSnapshot> modems)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: the line is for terminals and scripts, so "AT+CUSBPIDSWITCH" stays readable (never embedded in HTML).
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("modems");
            foreach (var modem in modems)
            {
                WriteModem(json, modem);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteModem(Utf8JsonWriter json, ModemSnapshot modem)
    {
        json.WriteStartObject();
        json.WriteString("id", modem.Id);
        json.WriteString("state", ModemStateNames.Name(modem.State));
        json.WriteString("reason", modem.StateReason);
        WriteNumberOrNull(json, "configuration", modem.Configuration);
        json.WriteStartArray("actions");
        foreach (var action in modem.ActionsApplied)
        {
            json.WriteStringValue(action);
        }
        json.WriteEndArray();
        json.WriteString("controlPort", modem.ControlPort);
        json.WriteString("controlProtocol", modem.ControlProtocol);
        if (modem.Ip is { } ip)
        {
            json.WriteStartObject("ip");
            WriteIp(json, ip);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("ip");
        }
        json.WriteEndObject();
    }

    private static void WriteIp(Utf8JsonWriter json, IpConfigurationReport ip)
    {
        json.WriteString("interface", ip.Interface);
        json.WriteString("method", ip.Method);
        json.WriteString("address", ip.Address);
        json.WriteString("gateway", ip.Gateway);
        json.WriteStartArray("dns");
        foreach (var server in ip.Dns)
        {
            json.WriteStringValue(server);
        }
        json.WriteEndArray();
        WriteNumberOrNull(json, "mtu", ip.Mtu);
        json.WriteBoolean("applied", ip.Applied);
        json.WriteString("ipv6Address", ip.Ipv6Address);
        json.WriteString("ipv6Gateway", ip.Ipv6Gateway);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
