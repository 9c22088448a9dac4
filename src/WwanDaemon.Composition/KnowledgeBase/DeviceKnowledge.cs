namespace WwanDaemon.Composition.KnowledgeBase;

/// <summary>A role the knowledge base gives an interface, with where it comes from.</summary>
public sealed record KnownRole(InterfaceRole Role, string? Source, string? Note);

/// <summary>The merged facts about one device in one configuration.</summary>
public sealed record DeviceKnowledge(
    string? Vendor,
    string? Name,
    IReadOnlyDictionary<int, KnownRole> Roles,
    IReadOnlyList<InterfaceClassEntry> ClassRoles,
    IReadOnlyList<KernelDriverEntry> KernelDrivers,
    IReadOnlyDictionary<string, int> PreferredConfiguration,
    IReadOnlyList<QuirkEntry> Quirks,
    IReadOnlyList<ModeSwitchEntry> ModeSwitches,
    IReadOnlyList<string> Notes)
{
    public bool HasQuirk(string name) => Quirks.Any(q => q.Name == name);

    public QuirkEntry? Quirk(string name) => Quirks.FirstOrDefault(q => q.Name == name);

    /// <summary>Merges entries given from weakest to strongest.</summary>
    internal static DeviceKnowledge Merge(IReadOnlyList<DeviceEntry> entries)
    {
        var roles = new Dictionary<int, KnownRole>();
        var preferred = new Dictionary<string, int>(StringComparer.Ordinal);
        var quirks = new List<QuirkEntry>();
        var notes = new List<string>();
        string? vendor = null, name = null;
        foreach (var entry in entries)
        {
            vendor = entry.Vendor ?? vendor;
            name = entry.Name ?? name;
            foreach (var @interface in entry.Interfaces)
            {
                // Roles were validated at load; an unknown name cannot reach here.
                var role = InterfaceRoles.TryParse(@interface.Role, out var parsed) ? parsed : InterfaceRole.Unknown;
                roles[@interface.Number] = new KnownRole(role, @interface.Source, @interface.Note);
            }
            foreach (var (policy, value) in entry.PreferredConfiguration ?? [])
            {
                preferred[policy] = value;
            }
            foreach (var quirk in entry.Quirks)
            {
                quirks.RemoveAll(q => q.Name == quirk.Name && SameInterfaces(q.Interfaces, quirk.Interfaces));
                quirks.Add(quirk);
            }
            if (entry.Note is { } note)
            {
                notes.Add(note);
            }
        }
        return new DeviceKnowledge(
            vendor,
            name,
            roles,
            entries.SelectMany(e => e.InterfaceClasses).Reverse().ToArray(),
            entries.SelectMany(e => e.KernelDrivers).ToArray(),
            preferred,
            quirks,
            entries.SelectMany(e => e.ModeSwitches).Reverse().DistinctBy(m => m.Command).Reverse().ToArray(),
            notes);
    }

    private static bool SameInterfaces(List<int>? a, List<int>? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.SequenceEqual(b));
}
