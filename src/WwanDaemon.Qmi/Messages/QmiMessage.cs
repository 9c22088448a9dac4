namespace WwanDaemon.Qmi.Messages;

/// <summary>What a message is.</summary>
public enum QmiMessageKind
{
    Request,
    Response,
    Indication,
}

/// <summary>One TLV: type, and the value bytes as they are on the wire.</summary>
public sealed record QmiTlv(byte Type, byte[] Value)
{
    public bool Equals(QmiTlv? other) => other is not null && Type == other.Type && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode() => HashCode.Combine(Type, Value.Length);

    public override string ToString() => $"TLV 0x{Type:x2} [{Convert.ToHexString(Value)}]";
}

/// <summary>A QMI message with its addressing, before its TLVs are interpreted.</summary>
public sealed record QmiMessage(
    byte Service,
    byte ClientId,
    ushort TransactionId,
    ushort MessageId,
    QmiMessageKind Kind,
    IReadOnlyList<QmiTlv> Tlvs)
{
    public QmiTlv? Tlv(byte type) => Tlvs.FirstOrDefault(t => t.Type == type);

    public bool Equals(QmiMessage? other) =>
        other is not null && Service == other.Service && ClientId == other.ClientId && TransactionId == other.TransactionId
        && MessageId == other.MessageId && Kind == other.Kind && Tlvs.SequenceEqual(other.Tlvs);

    public override int GetHashCode() => HashCode.Combine(Service, ClientId, TransactionId, MessageId, Kind);

    public override string ToString() => $"QMI service {Service} client {ClientId} {Kind} 0x{MessageId:x4} txn {TransactionId} ({Tlvs.Count} TLVs)";
}
