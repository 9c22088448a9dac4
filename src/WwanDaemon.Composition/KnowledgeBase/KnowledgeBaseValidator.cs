using System.Globalization;

namespace WwanDaemon.Composition.KnowledgeBase;

/// <summary>Checks a loaded document against the schema rules code relies on.</summary>
internal static class KnowledgeBaseValidator
{
    private static readonly HashSet<string> Matches = new(StringComparer.Ordinal) { "interfaces", "device", "class" };

    private static readonly HashSet<string> Quirks = new(StringComparer.Ordinal)
    {
        "needs-dtr", "no-control-lines", "zlp", "first-protocol-wins", "fcc-unlock-qmi-over-mbim", "fcc-unlock",
        "qcserial-claims-cdc", "raw-ip-only", "re-enumerates", "switch-at-discovery", "dynamic-interfaces",
    };

    private static readonly HashSet<string> Policies = new(StringComparer.Ordinal) { "prefer-mbim", "prefer-qmi" };

    public static void Validate(string name, KnowledgeBaseDocument document)
    {
        if (document.SchemaVersion != 1)
        {
            throw new InvalidDataException($"knowledge base '{name}' has schemaVersion {document.SchemaVersion}; this build reads version 1");
        }
        foreach (var device in document.Devices)
        {
            var where = $"knowledge base '{name}', device {device.Vid}:{device.Pid}";
            if (!IsHex4(device.Vid) || !IsHex4(device.Pid))
            {
                throw new InvalidDataException($"{where}: vid and pid must be 4 hex digits");
            }
            foreach (var @interface in device.Interfaces)
            {
                RequireRole(where + $" interface {@interface.Number}", @interface.Role);
            }
            foreach (var classRole in device.InterfaceClasses)
            {
                RequireRole(where + " interfaceClasses", classRole.Role);
            }
            foreach (var driver in device.KernelDrivers.Where(d => !Matches.Contains(d.Match)))
            {
                throw new InvalidDataException($"{where}: kernelDrivers match '{driver.Match}' is not one of interfaces, device, class");
            }
            foreach (var quirk in device.Quirks.Where(q => !Quirks.Contains(q.Name)))
            {
                throw new InvalidDataException($"{where}: quirk '{quirk.Name}' is not a known quirk (docs/knowledge-base.md lists them)");
            }
            foreach (var policy in (device.PreferredConfiguration?.Keys ?? Enumerable.Empty<string>()).Where(p => !Policies.Contains(p)))
            {
                throw new InvalidDataException($"{where}: preferredConfiguration names '{policy}', not prefer-mbim or prefer-qmi");
            }
            var cited = device.Interfaces.Select(i => i.Source).Concat(device.KernelDrivers.Select(k => k.Source)).Concat(device.Quirks.Select(q => q.Source))
                .Concat(device.ModeSwitches.Select(m => m.Source)).Concat(device.InterfaceClasses.Select(c => c.Source));
            RequireSources(where, cited, document);
        }
        foreach (var protocol in document.VendorProtocols)
        {
            var where = $"knowledge base '{name}', vendorProtocols {protocol.Vid}";
            if (!IsHex4(protocol.Vid))
            {
                throw new InvalidDataException($"{where}: vid must be 4 hex digits");
            }
            RequireRole(where, protocol.Role);
            RequireSources(where, [protocol.Source], document);
        }
    }

    /// <summary>Every fact names a source the document cites.</summary>
    private static void RequireSources(string where, IEnumerable<string?> sourceIds, KnowledgeBaseDocument document)
    {
        foreach (var id in sourceIds.Where(id => id is not null && !document.Sources.ContainsKey(id)))
        {
            throw new InvalidDataException($"{where}: source '{id}' is not in the document's sources");
        }
    }

    private static void RequireRole(string where, string role)
    {
        if (!InterfaceRoles.TryParse(role, out _))
        {
            throw new InvalidDataException($"{where}: role '{role}' is not a known role (docs/knowledge-base.md lists them)");
        }
    }

    private static bool IsHex4(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _);
}
