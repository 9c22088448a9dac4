using System.Reflection;
using System.Text.Json;

namespace WwanDaemon.Mbim.Declarations;

/// <summary>
/// Every declared MBIM command (data/mbim/*.json, docs/mbim-declarations.md), indexed by device
/// service and CID. The client, the simulator and the tests use the same declarations.
/// </summary>
public sealed class MbimDeclarations
{
    private readonly Dictionary<string, MbimServiceDocument> services = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, MbimServiceDocument> servicesById = [];
    private readonly Dictionary<(Guid Service, uint Cid), MbimCommandDeclaration> commands = [];

    private MbimDeclarations()
    {
    }

    /// <summary>The declarations embedded from data/mbim.</summary>
    public static MbimDeclarations Embedded { get; } = LoadEmbedded();

    public IReadOnlyCollection<MbimServiceDocument> Services => services.Values;

    /// <summary>Loads and checks declaration documents.</summary>
    /// <exception cref="InvalidDataException">A document breaks the schema; the message names the file, the command and the field.</exception>
    public static MbimDeclarations Load(IEnumerable<(string Name, string Json)> documents)
    {
        var declarations = new MbimDeclarations();
        foreach (var (name, json) in documents)
        {
            declarations.Add(name, Parse(name, json));
        }
        return declarations;
    }

    /// <summary>The command declared for a CID of a service, or null.</summary>
    public MbimCommandDeclaration? Find(Guid service, uint cid) => commands.GetValueOrDefault((service, cid));

    /// <summary>A command by service and command name ("basic-connect", "Radio State").</summary>
    /// <exception cref="ArgumentException">No such service or command; the message lists what is declared.</exception>
    public (Guid Service, MbimCommandDeclaration Command) Find(string service, string command)
    {
        if (!services.TryGetValue(service, out var document))
        {
            throw new ArgumentException($"no MBIM service '{service}' is declared; declared: {string.Join(", ", services.Keys.Order(StringComparer.Ordinal))}", nameof(service));
        }
        var declaration = document.Commands.FirstOrDefault(c => c.Name == command)
            ?? throw new ArgumentException($"MBIM service '{service}' declares no command '{command}'; it declares: {string.Join(", ", document.Commands.Select(c => $"'{c.Name}'"))}", nameof(command));
        return (document.ServiceId, declaration);
    }

    /// <summary>Our name of a device service ("basic-connect"), or null when it is not declared.</summary>
    public string? ServiceName(Guid service) => servicesById.GetValueOrDefault(service)?.Service;

    /// <summary>The device service id of a declared service name.</summary>
    /// <exception cref="ArgumentException">The service is not declared.</exception>
    public Guid ServiceId(string service) => services.TryGetValue(service, out var document)
        ? document.ServiceId
        : throw new ArgumentException($"no MBIM service '{service}' is declared; declared: {string.Join(", ", services.Keys.Order(StringComparer.Ordinal))}", nameof(service));

    private static MbimServiceDocument Parse(string name, string json)
    {
        MbimServiceDocument document;
        try
        {
            document = JsonSerializer.Deserialize(json, MbimDeclarationJsonContext.Default.MbimServiceDocument)
                ?? throw new InvalidDataException($"MBIM declarations '{name}' are empty");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"MBIM declarations '{name}' are not valid JSON: {error.Message}", error);
        }
        if (document.SchemaVersion != 1)
        {
            throw new InvalidDataException($"MBIM declarations '{name}' have schemaVersion {document.SchemaVersion}; this build reads 1");
        }
        if (string.IsNullOrWhiteSpace(document.Service))
        {
            throw new InvalidDataException($"MBIM declarations '{name}' name no service");
        }
        if (!Guid.TryParse(document.Uuid, out var id))
        {
            throw new InvalidDataException($"MBIM declarations '{name}': uuid '{document.Uuid}' is not a UUID like a289cc33-bcbb-8b4f-b6b0-133ec2aae6df");
        }
        document.ServiceId = id;
        MbimDeclarationValidator.Validate(name, document);
        return document;
    }

    private void Add(string name, MbimServiceDocument document)
    {
        if (services.ContainsKey(document.Service) || servicesById.ContainsKey(document.ServiceId))
        {
            throw new InvalidDataException($"MBIM declarations '{name}': service '{document.Service}' ({document.ServiceId}) is declared twice");
        }
        services[document.Service] = document;
        servicesById[document.ServiceId] = document;
        foreach (var command in document.Commands)
        {
            if (!commands.TryAdd((document.ServiceId, command.Cid), command))
            {
                throw new InvalidDataException($"MBIM declarations '{name}': CID {command.Cid} of '{document.Service}' is declared twice ('{command.Name}')");
            }
        }
    }

    private static MbimDeclarations LoadEmbedded()
    {
        var assembly = typeof(MbimDeclarations).Assembly;
        return Load(assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Mbim/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n, Read(assembly, n))));
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
