namespace WwanDaemon.Mbim.Declarations;

/// <summary>
/// Checks a declaration document against the schema (docs/mbim-declarations.md) and resolves struct
/// references, so the codec never meets a layout it cannot read.
/// </summary>
internal static class MbimDeclarationValidator
{
    private const int MaxStructDepth = 8;

    public static void Validate(string file, MbimServiceDocument document)
    {
        foreach (var (structName, fields) in document.Structs)
        {
            CheckLayout($"{file}: struct '{structName}'", fields, document, depth: 1);
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in document.Commands)
        {
            var where = $"{file}: command '{command.Name}'";
            if (string.IsNullOrWhiteSpace(command.Name) || !names.Add(command.Name))
            {
                throw new InvalidDataException($"{where}: every command needs a unique name");
            }
            if (command.Query is null && command.Set is null && command.Response is null && command.Notification is null)
            {
                throw new InvalidDataException($"{where}: declares none of query, set, response, notification");
            }
            CheckLayout(where + " query", command.Query, document, 0);
            CheckLayout(where + " set", command.Set, document, 0);
            CheckLayout(where + " response", command.Response, document, 0);
            CheckLayout(where + " notification", command.Notification, document, 0);
        }
    }

    private static void CheckLayout(string where, IReadOnlyList<MbimFieldDeclaration>? layout, MbimServiceDocument document, int depth)
    {
        if (layout is null)
        {
            return;
        }
        if (depth > MaxStructDepth)
        {
            throw new InvalidDataException($"{where}: structs nest deeper than {MaxStructDepth} levels (a struct that contains itself?)");
        }
        var earlier = new Dictionary<string, MbimFieldDeclaration>(StringComparer.Ordinal);
        for (var i = 0; i < layout.Count; i++)
        {
            var field = layout[i];
            var at = $"{where} field '{field.Name}'";
            var last = i == layout.Count - 1;
            if (string.IsNullOrWhiteSpace(field.Name) || earlier.ContainsKey(field.Name))
            {
                throw new InvalidDataException($"{at}: every field needs a unique name");
            }
            if (!MbimFormats.All.Contains(field.Format))
            {
                throw new InvalidDataException($"{at}: format '{field.Format}' is not one of {string.Join(", ", MbimFormats.All)}");
            }
            CheckStruct(at, field, document, depth, last);
            CheckArraySize(at, field, earlier);
            if (field.Format == MbimFormats.UnsizedByteArray && !last)
            {
                throw new InvalidDataException($"{at}: an unsized byte array runs to the end of the buffer, so it must be the last field");
            }
            earlier[field.Name] = field;
        }
    }

    private static void CheckStruct(string at, MbimFieldDeclaration field, MbimServiceDocument document, int depth, bool last)
    {
        if (!MbimFormats.NeedsStruct(field.Format))
        {
            if (field.StructType is not null)
            {
                throw new InvalidDataException($"{at}: structType is only for struct, struct-array and ref-struct-array");
            }
            return;
        }
        if (field.StructType is null || !document.Structs.TryGetValue(field.StructType, out var fields))
        {
            throw new InvalidDataException($"{at}: structType '{field.StructType}' is not in this file's structs ({string.Join(", ", document.Structs.Keys)})");
        }
        CheckLayout($"{at} struct '{field.StructType}'", fields, document, depth + 1);
        field.StructFields = fields;
        if (field.Format == MbimFormats.StructArray && (MbimFormats.HasVariableData(fields) || MbimFormats.StructSize(fields) is null))
        {
            throw new InvalidDataException($"{at}: a struct-array holds fixed-size structs; '{field.StructType}' has variable data (use ref-struct-array)");
        }
        if (field.Format == MbimFormats.Struct && !last && MbimFormats.HasVariableData(fields))
        {
            throw new InvalidDataException($"{at}: an inline struct with variable data ('{field.StructType}') must be the last field, as libmbim lays it out");
        }
    }

    private static void CheckArraySize(string at, MbimFieldDeclaration field, Dictionary<string, MbimFieldDeclaration> earlier)
    {
        if (field.ArraySizeField is null)
        {
            if (MbimFormats.NeedsArraySize(field.Format))
            {
                throw new InvalidDataException($"{at}: a {field.Format} needs arraySizeField naming the earlier guint32 field with its count");
            }
            return;
        }
        if (!MbimFormats.NeedsArraySize(field.Format) && field.Format != MbimFormats.RefByteArray)
        {
            throw new InvalidDataException($"{at}: arraySizeField is not used by format {field.Format}");
        }
        if (!earlier.TryGetValue(field.ArraySizeField, out var size) || size.Format != MbimFormats.Guint32)
        {
            throw new InvalidDataException($"{at}: arraySizeField '{field.ArraySizeField}' must name an earlier guint32 field");
        }
    }
}
