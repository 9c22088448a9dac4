namespace WwanDaemon.Mbim.Framing;

/// <summary>MessageType, the first field of every MBIM transfer (MBIM 1.0 §9.1; libmbim mbim-message.h).</summary>
public enum MbimMessageType : uint
{
    Open = 1,
    Close = 2,
    Command = 3,
    HostError = 4,
    OpenDone = 0x80000001,
    CloseDone = 0x80000002,
    CommandDone = 0x80000003,
    FunctionError = 0x80000004,
    IndicateStatus = 0x80000007,
}

/// <summary>Whether a COMMAND queries or sets (MBIM 1.0 §9.4.3).</summary>
public enum MbimCommandType : uint
{
    Query = 0,
    Set = 1,
}

/// <summary>
/// The ErrorStatusCode of HOST_ERROR / FUNCTION_ERROR (MBIM 1.0 §9.4.6; libmbim mbim-errors.h
/// MbimProtocolError, where 0 is "Invalid").
/// </summary>
public enum MbimProtocolError : uint
{
    None = 0,
    TimeoutFragment = 1,
    FragmentOutOfSequence = 2,
    LengthMismatch = 3,
    DuplicatedTid = 4,
    NotOpened = 5,
    Unknown = 6,
    Cancel = 7,
    MaxTransfer = 8,
}
