using System.Text.Json.Serialization;

namespace WwanDaemon.Composition.KnowledgeBase;

// The JSON shape of data/knowledge-base/*.json (docs/knowledge-base.md). Plain data; KnowledgeBase
// merges and interprets it.

public sealed class KnowledgeBaseDocument
{
    public int SchemaVersion { get; set; }

    public string? DataVersion { get; set; }

    public Dictionary<string, string> Sources { get; set; } = [];

    public List<DeviceEntry> Devices { get; set; } = [];

    public List<VendorProtocolEntry> VendorProtocols { get; set; } = [];

    public List<VendorKernelDriverEntry> VendorKernelDrivers { get; set; } = [];
}

public sealed class DeviceEntry
{
    public string Vid { get; set; } = "";

    public string Pid { get; set; } = "";

    public string? BcdDevice { get; set; }

    public int? Configuration { get; set; }

    public string? Vendor { get; set; }

    public string? Name { get; set; }

    public string? Note { get; set; }

    public List<InterfaceEntry> Interfaces { get; set; } = [];

    public List<InterfaceClassEntry> InterfaceClasses { get; set; } = [];

    public List<KernelDriverEntry> KernelDrivers { get; set; } = [];

    public Dictionary<string, int>? PreferredConfiguration { get; set; }

    public List<QuirkEntry> Quirks { get; set; } = [];

    public List<ModeSwitchEntry> ModeSwitches { get; set; } = [];
}

public sealed class InterfaceEntry
{
    public int Number { get; set; }

    public string Role { get; set; } = "";

    public string? Source { get; set; }

    public string? Note { get; set; }
}

public sealed class InterfaceClassEntry
{
    public string? Class { get; set; }

    public string? Subclass { get; set; }

    public string? Protocol { get; set; }

    public string Role { get; set; } = "";

    public string? Source { get; set; }
}

public sealed class KernelDriverEntry
{
    public string Driver { get; set; } = "";

    public string Match { get; set; } = "";

    public List<int>? Interfaces { get; set; }

    public List<int>? ExceptInterfaces { get; set; }

    public string? Class { get; set; }

    public string? Subclass { get; set; }

    public string? Protocol { get; set; }

    public string? Source { get; set; }
}

public sealed class QuirkEntry
{
    public string Name { get; set; } = "";

    public List<int>? Interfaces { get; set; }

    public string? Method { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }
}

public sealed class ModeSwitchEntry
{
    public string Target { get; set; } = "";

    public string Command { get; set; } = "";

    public string? ResultVid { get; set; }

    public string? ResultPid { get; set; }

    public string? Description { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }
}

public sealed class VendorProtocolEntry
{
    public string Vid { get; set; } = "";

    public string? Class { get; set; }

    public string? Subclass { get; set; }

    public string? Protocol { get; set; }

    public string Role { get; set; } = "";

    public string? Source { get; set; }
}

public sealed class VendorKernelDriverEntry
{
    public string Vid { get; set; } = "";

    public string Driver { get; set; } = "";

    public string Match { get; set; } = "";

    public string? Class { get; set; }

    public string? Subclass { get; set; }

    public string? Protocol { get; set; }

    public string? Source { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(KnowledgeBaseDocument))]
internal sealed partial class KnowledgeBaseJsonContext : JsonSerializerContext;
