using WwanDaemon.Mbim.Declarations;

namespace WwanDaemon.Mbim.Tests;

public class MbimDeclarationLoaderTests
{
    private static string Document(string commands, string structs = "{}") => $$"""
        { "schemaVersion": 1, "service": "test", "uuid": "11111111-2222-3333-4444-555555555555",
          "structs": {{structs}}, "commands": [ {{commands}} ] }
        """;

    private static InvalidDataException Invalid(string json) =>
        Assert.Throws<InvalidDataException>(() => MbimDeclarations.Load([("test.json", json)]));

    [Fact]
    public void Embedded_Loads()
    {
        Assert.Equal(["basic-connect", "qmi"], MbimDeclarations.Embedded.Services.Select(s => s.Service).Order());
    }

    [Fact]
    public void UnknownFormat_NamesFileCommandAndField()
    {
        var error = Invalid(Document("""{ "name": "Thing", "cid": 1, "query": [ { "name": "Value", "format": "guint128" } ] }"""));
        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Thing' query", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Value'", error.Message, StringComparison.Ordinal);
        Assert.Contains("guint128", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingStruct_Rejected()
    {
        var error = Invalid(Document("""{ "name": "Thing", "cid": 1, "response": [ { "name": "S", "format": "struct", "structType": "Nope" } ] }"""));
        Assert.Contains("Nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArraySizeFieldAfterArray_Rejected()
    {
        var error = Invalid(Document("""
            { "name": "Thing", "cid": 1, "response": [
              { "name": "Items", "format": "guint32-array", "arraySizeField": "Count" },
              { "name": "Count", "format": "guint32" } ] }
            """));
        Assert.Contains("earlier guint32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrayWithoutSizeField_Rejected()
    {
        Invalid(Document("""{ "name": "Thing", "cid": 1, "response": [ { "name": "Items", "format": "string-array" } ] }"""));
    }

    [Fact]
    public void UnsizedByteArrayNotLast_Rejected()
    {
        var error = Invalid(Document("""
            { "name": "Thing", "cid": 1, "set": [
              { "name": "Blob", "format": "unsized-byte-array" }, { "name": "After", "format": "guint32" } ] }
            """));
        Assert.Contains("last field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StructArrayOfVariableStructs_Rejected()
    {
        var error = Invalid(Document(
            """{ "name": "Thing", "cid": 1, "response": [ { "name": "N", "format": "guint32" }, { "name": "Items", "format": "struct-array", "structType": "Named", "arraySizeField": "N" } ] }""",
            """{ "Named": [ { "name": "Name", "format": "string" } ] }"""));
        Assert.Contains("ref-struct-array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelfContainingStruct_Rejected()
    {
        Invalid(Document(
            """{ "name": "Thing", "cid": 1, "response": [ { "name": "S", "format": "struct", "structType": "Loop" } ] }""",
            """{ "Loop": [ { "name": "Inner", "format": "struct", "structType": "Loop" } ] }"""));
    }

    [Fact]
    public void DuplicateCid_Rejected()
    {
        var error = Invalid(Document("""
            { "name": "One", "cid": 1, "query": [] }, { "name": "Two", "cid": 1, "query": [] }
            """));
        Assert.Contains("CID 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadUuidAndVersion_Rejected()
    {
        Invalid("""{ "schemaVersion": 1, "service": "x", "uuid": "nope", "commands": [] }""");
        Invalid("""{ "schemaVersion": 2, "service": "x", "uuid": "11111111-2222-3333-4444-555555555555", "commands": [] }""");
        Invalid("{ not json");
    }
}
