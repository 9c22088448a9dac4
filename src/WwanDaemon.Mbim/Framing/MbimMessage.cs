namespace WwanDaemon.Mbim.Framing;

/// <summary>
/// One whole MBIM message (after fragments are reassembled). Every transfer starts with
/// <code>
///  0               4               8               12
/// +---------------+---------------+---------------+
/// | MessageType   | MessageLength | TransactionId |   all u32 little-endian
/// +---------------+---------------+---------------+
/// </code>
/// </summary>
public abstract record MbimMessage(uint TransactionId)
{
    public abstract MbimMessageType Type { get; }
}

/// <summary>OPEN: the host asks the function to start, announcing the largest transfer it accepts.</summary>
public sealed record MbimOpen(uint TransactionId, uint MaxControlTransfer) : MbimMessage(TransactionId)
{
    public override MbimMessageType Type => MbimMessageType.Open;
}

/// <summary>OPEN_DONE with an MBIM status (<see cref="MbimStatus"/>).</summary>
public sealed record MbimOpenDone(uint TransactionId, uint Status) : MbimMessage(TransactionId)
{
    public override MbimMessageType Type => MbimMessageType.OpenDone;
}

/// <summary>CLOSE: header only.</summary>
public sealed record MbimClose(uint TransactionId) : MbimMessage(TransactionId)
{
    public override MbimMessageType Type => MbimMessageType.Close;
}

/// <summary>CLOSE_DONE with an MBIM status.</summary>
public sealed record MbimCloseDone(uint TransactionId, uint Status) : MbimMessage(TransactionId)
{
    public override MbimMessageType Type => MbimMessageType.CloseDone;
}

/// <summary>HOST_ERROR: the host reports a protocol error about a transaction.</summary>
public sealed record MbimHostError(uint TransactionId, MbimProtocolError Error) : MbimMessage(TransactionId)
{
    public override MbimMessageType Type => MbimMessageType.HostError;
}

/// <summary>FUNCTION_ERROR: the function (modem) reports a protocol error about a transaction.</summary>
public sealed record MbimFunctionError(uint TransactionId, MbimProtocolError Error) : MbimMessage(TransactionId)
{
    public override MbimMessageType Type => MbimMessageType.FunctionError;
}

/// <summary>COMMAND: a query or set of one CID of one device service.</summary>
public sealed record MbimCommand(uint TransactionId, Guid Service, uint Cid, MbimCommandType CommandType, byte[] InformationBuffer) : MbimMessage(TransactionId)
{
    public override MbimMessageType Type => MbimMessageType.Command;

    public bool Equals(MbimCommand? other) => other is not null && TransactionId == other.TransactionId && Service == other.Service
        && Cid == other.Cid && CommandType == other.CommandType && InformationBuffer.AsSpan().SequenceEqual(other.InformationBuffer);

    public override int GetHashCode() => HashCode.Combine(TransactionId, Service, Cid, CommandType, InformationBuffer.Length);

    public override string ToString() => $"COMMAND {CommandType} tid {TransactionId} service {Service} cid {Cid}, {InformationBuffer.Length}-byte buffer";
}

/// <summary>COMMAND_DONE: the answer to a COMMAND, with an MBIM status.</summary>
public sealed record MbimCommandDone(uint TransactionId, Guid Service, uint Cid, uint Status, byte[] InformationBuffer) : MbimMessage(TransactionId)
{
    public override MbimMessageType Type => MbimMessageType.CommandDone;

    public bool Equals(MbimCommandDone? other) => other is not null && TransactionId == other.TransactionId && Service == other.Service
        && Cid == other.Cid && Status == other.Status && InformationBuffer.AsSpan().SequenceEqual(other.InformationBuffer);

    public override int GetHashCode() => HashCode.Combine(TransactionId, Service, Cid, Status, InformationBuffer.Length);

    public override string ToString() => $"COMMAND_DONE tid {TransactionId} service {Service} cid {Cid} status {MbimStatus.Name(Status)}, {InformationBuffer.Length}-byte buffer";
}

/// <summary>INDICATE_STATUS: an unsolicited notification (transaction id 0 by convention).</summary>
public sealed record MbimIndicateStatus(uint TransactionId, Guid Service, uint Cid, byte[] InformationBuffer) : MbimMessage(TransactionId)
{
    public override MbimMessageType Type => MbimMessageType.IndicateStatus;

    public bool Equals(MbimIndicateStatus? other) => other is not null && TransactionId == other.TransactionId && Service == other.Service
        && Cid == other.Cid && InformationBuffer.AsSpan().SequenceEqual(other.InformationBuffer);

    public override int GetHashCode() => HashCode.Combine(TransactionId, Service, Cid, InformationBuffer.Length);

    public override string ToString() => $"INDICATE_STATUS tid {TransactionId} service {Service} cid {Cid}, {InformationBuffer.Length}-byte buffer";
}
