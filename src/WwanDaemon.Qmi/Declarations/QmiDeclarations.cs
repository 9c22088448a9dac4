using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace WwanDaemon.Qmi.Declarations;

/// <summary>
/// Every declared QMI message (data/qmi/*.json, docs/qmi-declarations.md), indexed by service and
/// message id. The client and the simulator use the same declarations.
/// </summary>
public sealed class QmiDeclarations
{
    private static readonly HashSet<string> Formats = new(StringComparer.Ordinal)
    {
        "uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64", "string", "bytes", "array", "struct", "sequence",
    };

    private readonly Dictionary<(int Service, ushort Id), QmiMessageDeclaration> messages = [];
    private readonly Dictionary<(int Service, ushort Id), QmiIndicationDeclaration> indications = [];
    private readonly Dictionary<string, QmiServiceDocument> services = new(StringComparer.Ordinal);

    private QmiDeclarations()
    {
    }

    public static QmiDeclarations Embedded { get; } = LoadEmbedded();

    public IReadOnlyCollection<QmiServiceDocument> Services => services.Values;

    /// <exception cref="InvalidDataException">A document breaks the schema; the message names it and the field.</exception>
    public static QmiDeclarations Load(IEnumerable<(string Name, string Json)> documents)
    {
        var declarations = new QmiDeclarations();
        foreach (var (name, json) in documents)
        {
            QmiServiceDocument document;
            try
            {
                document = JsonSerializer.Deserialize(json, QmiDeclarationJsonContext.Default.QmiServiceDocument)
                    ?? throw new InvalidDataException($"QMI declarations '{name}' are empty");
            }
            catch (JsonException error)
            {
                throw new InvalidDataException($"QMI declarations '{name}' are not valid JSON: {error.Message}", error);
            }
            if (document.SchemaVersion != 1)
            {
                throw new InvalidDataException($"QMI declarations '{name}' have schemaVersion {document.SchemaVersion}; this build reads 1");
            }
            declarations.services[document.Service] = document;
            foreach (var message in document.Messages)
            {
                var where = $"{name}: {document.Service} '{message.Name}'";
                Prepare(where + " request", message.Request);
                Prepare(where + " response", message.Response);
                declarations.messages[(document.ServiceId, ParseId(where, message.Id))] = message;
            }
            foreach (var indication in document.Indications)
            {
                var where = $"{name}: {document.Service} indication '{indication.Name}'";
                Prepare(where, indication.Tlvs);
                declarations.indications[(document.ServiceId, ParseId(where, indication.Id))] = indication;
            }
        }
        return declarations;
    }

    public QmiMessageDeclaration? Message(int service, ushort id) => messages.GetValueOrDefault((service, id));

    public QmiIndicationDeclaration? Indication(int service, ushort id) => indications.GetValueOrDefault((service, id));

    /// <summary>A message by service name and message name ("dms", "Get IDs").</summary>
    public (int ServiceId, ushort MessageId, QmiMessageDeclaration Declaration) Find(string service, string name)
    {
        var document = services.GetValueOrDefault(service) ?? throw new KeyNotFoundException($"no QMI service '{service}' is declared");
        var message = document.Messages.FirstOrDefault(m => m.Name == name)
            ?? throw new KeyNotFoundException($"QMI service '{service}' declares no message '{name}'");
        return (document.ServiceId, ushort.Parse(message.Id.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture), message);
    }

    /// <summary>An indication by service name and name.</summary>
    public (int ServiceId, ushort MessageId, QmiIndicationDeclaration Declaration) FindIndication(string service, string name)
    {
        var document = services.GetValueOrDefault(service) ?? throw new KeyNotFoundException($"no QMI service '{service}' is declared");
        var indication = document.Indications.FirstOrDefault(m => m.Name == name)
            ?? throw new KeyNotFoundException($"QMI service '{service}' declares no indication '{name}'");
        return (document.ServiceId, ushort.Parse(indication.Id.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture), indication);
    }

    private static ushort ParseId(string where, string id) =>
        id.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && ushort.TryParse(id.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{where}: id '{id}' is not a hex number like 0x0025");

    private static void Prepare(string where, List<QmiFieldDeclaration> tlvs)
    {
        foreach (var tlv in tlvs)
        {
            if (tlv.Type is null || !tlv.Type.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                || !byte.TryParse(tlv.Type.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var type))
            {
                throw new InvalidDataException($"{where}: TLV '{tlv.Name}' needs a type like 0x10, has '{tlv.Type}'");
            }
            tlv.TlvType = type;
            Check($"{where} TLV '{tlv.Name}'", tlv);
        }
    }

    private static void Check(string where, QmiFieldDeclaration field)
    {
        if (!Formats.Contains(field.Format))
        {
            throw new InvalidDataException($"{where}: format '{field.Format}' is not one of {string.Join(", ", Formats)}");
        }
        if (field.Format == "array")
        {
            Check(where + " element", field.Element ?? throw new InvalidDataException($"{where}: an array needs an element"));
        }
        foreach (var member in field.Fields)
        {
            Check($"{where}.{member.Name}", member);
        }
    }

    private static QmiDeclarations LoadEmbedded()
    {
        var assembly = typeof(QmiDeclarations).Assembly;
        return Load(assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Qmi/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
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
