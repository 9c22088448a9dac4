using System.Text.Json.Serialization;

namespace WwanDaemon.Mbim.Declarations;

// The JSON shape of data/mbim/*.json (docs/mbim-declarations.md).

/// <summary>One device service: its UUID, its structs and its commands.</summary>
public sealed class MbimServiceDocument
{
    public int SchemaVersion { get; set; }

    /// <summary>Our name for the service ("basic-connect", "qmi").</summary>
    public string Service { get; set; } = "";

    /// <summary>The device service id in text form ("a289cc33-bcbb-8b4f-b6b0-133ec2aae6df").</summary>
    public string Uuid { get; set; } = "";

    public string? Source { get; set; }

    public string? Note { get; set; }

    /// <summary>Named structs that fields refer to with <see cref="MbimFieldDeclaration.StructType"/>.</summary>
    public Dictionary<string, List<MbimFieldDeclaration>> Structs { get; set; } = [];

    public List<MbimCommandDeclaration> Commands { get; set; } = [];

    /// <summary>The parsed <see cref="Uuid"/>, set when the document loads.</summary>
    [JsonIgnore]
    public Guid ServiceId { get; set; }
}

/// <summary>One CID: the information buffer layout of each message kind it supports (null: not supported).</summary>
public sealed class MbimCommandDeclaration
{
    /// <summary>As libmbim names it ("Device Caps").</summary>
    public string Name { get; set; } = "";

    public uint Cid { get; set; }

    public string? Note { get; set; }

    public IReadOnlyList<MbimFieldDeclaration>? Query { get; set; }

    public IReadOnlyList<MbimFieldDeclaration>? Set { get; set; }

    public IReadOnlyList<MbimFieldDeclaration>? Response { get; set; }

    public IReadOnlyList<MbimFieldDeclaration>? Notification { get; set; }

    public override string ToString() => $"{Name} (CID {Cid})";
}

/// <summary>One field of an information buffer or a struct (formats: docs/mbim-declarations.md).</summary>
public sealed class MbimFieldDeclaration
{
    /// <summary>As libmbim spells it ("HwRadioState").</summary>
    public string Name { get; set; } = "";

    /// <summary>libmbim's format name: guint32, string, ref-struct-array, ...</summary>
    public string Format { get; set; } = "";

    /// <summary>The struct (in the document's <c>structs</c>) of a struct or struct array.</summary>
    public string? StructType { get; set; }

    /// <summary>The earlier guint32 field that holds this array's element count (or byte count).</summary>
    public string? ArraySizeField { get; set; }

    /// <summary>Whether an unsized byte array is zero-padded to a multiple of 4 (default true; false for QMUX).</summary>
    public bool Pad { get; set; } = true;

    /// <summary>The enum or flags type libmbim gives the value (documentation; values stay integers).</summary>
    public string? PublicFormat { get; set; }

    /// <summary>IMSI, ICCID, phone numbers, credentials: never log unredacted.</summary>
    public bool PersonalInfo { get; set; }

    public string? Note { get; set; }

    /// <summary>The fields of <see cref="StructType"/>, resolved when the document loads.</summary>
    [JsonIgnore]
    public IReadOnlyList<MbimFieldDeclaration>? StructFields { get; set; }

    public override string ToString() => $"{Name} ({Format})";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(MbimServiceDocument))]
internal sealed partial class MbimDeclarationJsonContext : JsonSerializerContext;
