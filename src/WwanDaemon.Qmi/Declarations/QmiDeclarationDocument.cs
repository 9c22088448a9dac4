using System.Text.Json.Serialization;

namespace WwanDaemon.Qmi.Declarations;

// The JSON shape of data/qmi/*.json (docs/qmi-declarations.md).

public sealed class QmiServiceDocument
{
    public int SchemaVersion { get; set; }

    public string Service { get; set; } = "";

    public int ServiceId { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    public List<QmiMessageDeclaration> Messages { get; set; } = [];

    public List<QmiIndicationDeclaration> Indications { get; set; } = [];

    public Dictionary<string, Dictionary<string, string>> Enums { get; set; } = [];

    public Dictionary<string, Dictionary<string, string>> Flags { get; set; } = [];
}

public sealed class QmiMessageDeclaration
{
    public string Name { get; set; } = "";

    public string Id { get; set; } = "";

    public string? Note { get; set; }

    public List<QmiFieldDeclaration> Request { get; set; } = [];

    public List<QmiFieldDeclaration> Response { get; set; } = [];
}

public sealed class QmiIndicationDeclaration
{
    public string Name { get; set; } = "";

    public string Id { get; set; } = "";

    public string? Note { get; set; }

    public List<QmiFieldDeclaration> Tlvs { get; set; } = [];
}

/// <summary>A field; with a <see cref="Type"/> it is a whole TLV.</summary>
public sealed class QmiFieldDeclaration
{
    public string Name { get; set; } = "";

    /// <summary>The TLV type ("0x11") for a TLV; null for a field inside one.</summary>
    public string? Type { get; set; }

    public string Format { get; set; } = "";

    public int? Prefix { get; set; }

    public int? Fixed { get; set; }

    public QmiFieldDeclaration? Element { get; set; }

    public List<QmiFieldDeclaration> Fields { get; set; } = [];

    public string? Enum { get; set; }

    [JsonPropertyName("flags")]
    public string? FlagsName { get; set; }

    public string? Endian { get; set; }

    public bool Mandatory { get; set; }

    public string? Note { get; set; }

    /// <summary>The parsed TLV type, set when the document loads.</summary>
    [JsonIgnore]
    public byte TlvType { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(QmiServiceDocument))]
internal sealed partial class QmiDeclarationJsonContext : JsonSerializerContext;
