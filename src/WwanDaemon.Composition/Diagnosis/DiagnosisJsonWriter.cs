using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;

namespace WwanDaemon.Composition.Diagnosis;

/// <summary>
/// The JSON contract of <c>wwanctl diagnose --json</c> (issue 2, item 7):
/// <c>{"devices":[{"vid","pid","product","recommendedConfiguration","control":{"protocol","interface"},
/// "netDriver","atInterfaces","interfaces":[{"number","role","driver","boundDriver"}],"actions","warnings","udevRule"}]}</c>
/// plus extra keys. Written with Utf8JsonWriter: no reflection, AOT-safe.
/// </summary>
public static class DiagnosisJsonWriter
{
    public static string Write(IReadOnlyList<DeviceDiagnosis> diagnoses)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("devices");
            foreach (var diagnosis in diagnoses)
            {
                WriteDevice(json, diagnosis);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDevice(Utf8JsonWriter json, DeviceDiagnosis diagnosis)
    {
        var plan = diagnosis.Plan;
        var device = plan.Device;
        json.WriteStartObject();
        json.WriteString("vid", device.VendorId.ToString("x4", CultureInfo.InvariantCulture));
        json.WriteString("pid", device.ProductId.ToString("x4", CultureInfo.InvariantCulture));
        json.WriteString("product", device.Product ?? plan.Knowledge?.Name ?? "");
        json.WriteString("knownAs", plan.Knowledge?.Name);
        json.WriteString("busPath", device.BusPath);
        json.WriteString("policy", UdevRuleWriter.PolicyName(plan.Policy));
        WriteNumberOrNull(json, "activeConfiguration", device.ActiveConfiguration);
        WriteNumberOrNull(json, "recommendedConfiguration", plan.RecommendedConfiguration);
        json.WriteStartObject("control");
        json.WriteString("protocol", plan.Control.Protocol.ToString().ToLowerInvariant());
        WriteNumberOrNull(json, "interface", plan.Control.Interface);
        json.WriteEndObject();
        json.WriteString("netDriver", plan.NetDriver);
        json.WriteStartArray("atInterfaces");
        foreach (var number in plan.AtInterfaces)
        {
            json.WriteNumberValue(number);
        }
        json.WriteEndArray();
        json.WriteStartArray("interfaces");
        foreach (var @interface in plan.Interfaces)
        {
            json.WriteStartObject();
            json.WriteNumber("number", @interface.Number);
            json.WriteString("role", @interface.Role.Name());
            json.WriteString("driver", @interface.Driver);
            json.WriteString("boundDriver", @interface.BoundDriver);
            json.WriteString("class", @interface.Classification.Descriptor.Class.ToString());
            json.WriteString("evidence", @interface.Classification.Evidence.ToString());
            json.WriteString("reason", @interface.Classification.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("actions");
        foreach (var action in plan.Actions)
        {
            json.WriteStartObject();
            json.WriteString("kind", KindName(action.Kind));
            WriteNumberOrNull(json, "interface", action.Interface);
            json.WriteString("driver", action.Driver);
            json.WriteString("path", action.Path);
            json.WriteString("value", action.Value);
            json.WriteString("reason", action.Reason);
            json.WriteBoolean("optIn", action.OptIn);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var warning in plan.Warnings.Concat(diagnosis.LogFindings))
        {
            json.WriteStringValue(warning);
        }
        json.WriteEndArray();
        json.WriteString("udevRule", plan.UdevRule);
        json.WriteStartArray("configurations");
        foreach (var configuration in plan.Configurations)
        {
            json.WriteStartObject();
            json.WriteNumber("value", configuration.Value);
            json.WriteString("control", configuration.Control.Protocol.ToString().ToLowerInvariant());
            WriteNumberOrNull(json, "controlInterface", configuration.Control.Interface);
            json.WriteString("netDriver", configuration.NetDriver);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string KindName(PlanActionKind kind) => kind switch
    {
        PlanActionKind.SetConfiguration => "set-configuration",
        PlanActionKind.Unbind => "unbind",
        PlanActionKind.Bind => "bind",
        PlanActionKind.NewId => "new_id",
        _ => "at-mode-switch",
    };

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
