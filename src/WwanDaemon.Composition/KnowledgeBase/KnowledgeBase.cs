using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace WwanDaemon.Composition.KnowledgeBase;

/// <summary>
/// The device knowledge base (docs/knowledge-base.md): facts per VID/PID merged from the generated
/// and the curated data files. Later documents win over earlier ones, field by field.
/// </summary>
public sealed class KnowledgeBase
{
    // Declared before Embedded: static initializers run in text order.
    private static readonly string[] EmbeddedDocuments = ["generated.json", "curated.json"];

    private readonly List<(int Layer, DeviceEntry Entry)> devices = [];
    private readonly Dictionary<string, List<(int Layer, DeviceEntry Entry)>> byId = new(StringComparer.Ordinal);
    private readonly List<VendorProtocolEntry> vendorProtocols = [];
    private readonly List<VendorKernelDriverEntry> vendorKernelDrivers = [];
    private readonly Dictionary<string, string> sources = new(StringComparer.Ordinal);

    private KnowledgeBase()
    {
    }

    /// <summary>The data versions of the loaded documents, in load order.</summary>
    public IReadOnlyList<string> DataVersions { get; private set; } = [];

    /// <summary>Number of distinct VID:PID pairs known.</summary>
    public int DeviceCount => byId.Count;

    /// <summary>The knowledge base shipped inside this assembly (generated.json, then curated.json).</summary>
    public static KnowledgeBase Embedded { get; } = LoadEmbedded();

    /// <summary>Loads documents in order; later ones override earlier ones.</summary>
    /// <exception cref="InvalidDataException">A document is not valid knowledge-base JSON; the message names it and the entry.</exception>
    public static KnowledgeBase Load(IEnumerable<(string Name, string Json)> documents)
    {
        var knowledgeBase = new KnowledgeBase();
        var versions = new List<string>();
        var layer = 0;
        foreach (var (name, json) in documents)
        {
            KnowledgeBaseDocument document;
            try
            {
                document = JsonSerializer.Deserialize(json, KnowledgeBaseJsonContext.Default.KnowledgeBaseDocument)
                    ?? throw new InvalidDataException($"knowledge base '{name}' is empty");
            }
            catch (JsonException error)
            {
                throw new InvalidDataException($"knowledge base '{name}' is not valid JSON: {error.Message}", error);
            }
            KnowledgeBaseValidator.Validate(name, document);
            versions.Add($"{name} {document.DataVersion}");
            foreach (var (id, citation) in document.Sources)
            {
                knowledgeBase.sources[id] = citation;
            }
            foreach (var entry in document.Devices)
            {
                var key = Key(entry.Vid, entry.Pid);
                if (!knowledgeBase.byId.TryGetValue(key, out var list))
                {
                    knowledgeBase.byId[key] = list = [];
                }
                list.Add((layer, entry));
                knowledgeBase.devices.Add((layer, entry));
            }
            knowledgeBase.vendorProtocols.AddRange(document.VendorProtocols);
            knowledgeBase.vendorKernelDrivers.AddRange(document.VendorKernelDrivers);
            layer++;
        }
        knowledgeBase.DataVersions = versions;
        return knowledgeBase;
    }

    /// <summary>What is known of a device in one configuration, or null when nothing is.</summary>
    public DeviceKnowledge? Find(ushort vendorId, ushort productId, ushort bcdDevice, int? configuration)
    {
        if (!byId.TryGetValue(Key(vendorId, productId), out var entries))
        {
            return null;
        }
        var bcd = bcdDevice.ToString("x4", CultureInfo.InvariantCulture);
        var applicable = entries
            .Where(e => e.Entry.BcdDevice is null || string.Equals(e.Entry.BcdDevice, bcd, StringComparison.OrdinalIgnoreCase))
            .Where(e => e.Entry.Configuration is null || e.Entry.Configuration == configuration)
            .OrderBy(e => e.Layer)
            .ThenBy(e => e.Entry.Configuration is null ? 0 : 1)
            .ThenBy(e => e.Entry.BcdDevice is null ? 0 : 1)
            .Select(e => e.Entry)
            .ToList();
        return applicable.Count == 0 ? null : DeviceKnowledge.Merge(applicable);
    }

    /// <summary>The vendor-wide meanings of class codes for a vendor, curated last (so it wins).</summary>
    public IReadOnlyList<VendorProtocolEntry> VendorProtocolsOf(ushort vendorId)
    {
        var vid = vendorId.ToString("x4", CultureInfo.InvariantCulture);
        return vendorProtocols.Where(v => string.Equals(v.Vid, vid, StringComparison.OrdinalIgnoreCase)).Reverse().ToArray();
    }

    /// <summary>Kernel id-table entries that match every product of a vendor by class codes.</summary>
    public IReadOnlyList<VendorKernelDriverEntry> VendorKernelDriversOf(ushort vendorId)
    {
        var vid = vendorId.ToString("x4", CultureInfo.InvariantCulture);
        return vendorKernelDrivers.Where(v => string.Equals(v.Vid, vid, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    /// <summary>Whether any entry names this vendor (a device, its protocol codes or a vendor-wide driver match).</summary>
    public bool KnowsVendor(ushort vendorId)
    {
        var vid = vendorId.ToString("x4", CultureInfo.InvariantCulture);
        return byId.Keys.Any(k => k.StartsWith(vid + ":", StringComparison.Ordinal))
            || vendorProtocols.Any(v => string.Equals(v.Vid, vid, StringComparison.OrdinalIgnoreCase))
            || vendorKernelDrivers.Any(v => string.Equals(v.Vid, vid, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The citation of a source id, or the id itself.</summary>
    public string Cite(string? sourceId) =>
        sourceId is null ? "unknown source" : sources.TryGetValue(sourceId, out var citation) ? citation : sourceId;

    private static string Key(ushort vendorId, ushort productId) =>
        string.Create(CultureInfo.InvariantCulture, $"{vendorId:x4}:{productId:x4}");

    private static string Key(string vid, string pid) => $"{vid.ToLowerInvariant()}:{pid.ToLowerInvariant()}";

    private static KnowledgeBase LoadEmbedded()
    {
        var assembly = typeof(KnowledgeBase).Assembly;
        return Load(EmbeddedDocuments.Select(name => (name, ReadResource(assembly, "KnowledgeBase/" + name))));
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"the knowledge base resource '{name}' is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
