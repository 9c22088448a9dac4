using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Qmi.Messages;

/// <summary>The result TLV (type 0x02) every response carries: status 0 success / 1 failure, and the error code.</summary>
public sealed record QmiResult(int Status, int Error)
{
    public const byte TlvType = 0x02;

    public static QmiResult Success { get; } = new(0, QmiErrors.None);

    public static QmiResult Failure(int error) => new(1, error);

    public bool IsSuccess => Status == 0;

    public string ErrorName => QmiErrors.Name(Error);

    public override string ToString() => IsSuccess ? "success" : $"failure: {ErrorName}";
}

/// <summary>A message with its TLVs interpreted through its declaration; unknown TLVs kept, not fatal.</summary>
public sealed record QmiDecodedMessage(
    QmiMessage Message,
    string Name,
    IReadOnlyList<QmiField> Tlvs,
    IReadOnlyList<QmiTlv> Unknown,
    QmiResult? Result)
{
    public QmiValue? this[string tlvName] => Tlvs.FirstOrDefault(t => t.Name == tlvName)?.Value;

    public bool Has(string tlvName) => Tlvs.Any(t => t.Name == tlvName);

    public override string ToString() => $"{Name} {Message.Kind} [{string.Join(", ", Tlvs)}]{(Result is null ? "" : " " + Result)}";
}
