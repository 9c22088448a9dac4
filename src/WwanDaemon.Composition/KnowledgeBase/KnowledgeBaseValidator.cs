using System.Globalization;

namespace WwanDaemon.Composition.KnowledgeBase;

/// <summary>Checks a loaded document against the schema rules code relies on.</summary>
internal static class KnowledgeBaseValidator
{
    private static readonly HashSet<string> Matches = new(StringComparer.Ordinal) { "interfaces", "device", "class" };

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
        }
        foreach (var protocol in document.VendorProtocols)
        {
            RequireRole($"knowledge base '{name}', vendorProtocols {protocol.Vid}", protocol.Role);
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
