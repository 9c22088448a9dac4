namespace WwanDaemon.Qmi.Messages;

/// <summary>
/// QMI protocol error codes and their names: the numbers of libqmi's QmiProtocolError
/// (src/libqmi-glib/qmi-errors.h, linux-mobile-broadband/libqmi at 0601120457e9), names in its
/// "nick" form.
/// </summary>
public static class QmiErrors
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [0] = "None", [1] = "MalformedMessage", [2] = "NoMemory", [3] = "Internal", [4] = "Aborted",
        [5] = "ClientIdsExhausted", [6] = "UnabortableTransaction", [7] = "InvalidClientId", [8] = "NoThresholdsProvided",
        [9] = "InvalidHandle", [10] = "InvalidProfile", [11] = "InvalidPinId", [12] = "IncorrectPin", [13] = "NoNetworkFound",
        [14] = "CallFailed", [15] = "OutOfCall", [16] = "NotProvisioned", [17] = "MissingArgument", [19] = "ArgumentTooLong",
        [22] = "InvalidTransactionId", [23] = "DeviceInUse", [24] = "NetworkUnsupported", [25] = "DeviceUnsupported",
        [26] = "NoEffect", [27] = "NoFreeProfile", [28] = "InvalidPdpType", [29] = "InvalidTechnologyPreference",
        [30] = "InvalidProfileType", [31] = "InvalidServiceType", [32] = "InvalidRegisterAction", [33] = "InvalidPsAttachAction",
        [34] = "AuthenticationFailed", [35] = "PinBlocked", [36] = "PinAlwaysBlocked", [37] = "UimUninitialized",
        [38] = "MaximumQosRequestsInUse", [39] = "IncorrectFlowFilter", [40] = "NetworkQosUnaware", [41] = "InvalidQosId",
        [42] = "RequestedNumberUnsupported", [43] = "InterfaceNotFound", [44] = "FlowSuspended", [45] = "InvalidDataFormat",
        [46] = "GeneralError", [47] = "UnknownError", [48] = "InvalidArgument", [49] = "InvalidIndex", [50] = "NoEntry",
        [51] = "DeviceStorageFull", [52] = "DeviceNotReady", [53] = "NetworkNotReady", [54] = "WmsCauseCode",
        [55] = "WmsMessageNotSent", [56] = "WmsMessageDeliveryFailure", [57] = "WmsInvalidMessageId", [58] = "WmsEncoding",
        [59] = "AuthenticationLock", [60] = "InvalidTransition", [61] = "NotMcastInterface", [62] = "MaximumMcastRequestsInUse",
        [63] = "InvalidMcastHandle", [64] = "InvalidIpFamilyPreference", [65] = "SessionInactive", [66] = "SessionInvalid",
        [67] = "SessionOwnership", [68] = "InsufficientResources", [69] = "Disabled", [70] = "InvalidOperation",
        [71] = "InvalidQmiCommand", [72] = "WmsTPduType", [73] = "WmsSmscAddress", [74] = "InformationUnavailable",
        [75] = "SegmentTooLong", [76] = "SegmentOrder", [77] = "BundlingNotSupported", [78] = "OperationPartialFailure",
        [79] = "PolicyMismatch", [80] = "SimFileNotFound", [81] = "ExtendedInternal", [82] = "AccessDenied",
        [83] = "HardwareRestricted", [84] = "AckNotSent", [85] = "InjectTimeout", [90] = "IncompatibleState",
        [91] = "FdnRestrict", [92] = "SupsFailureCase", [93] = "NoRadio", [94] = "NotSupported", [95] = "NoSubscription",
        [96] = "CardCallControlFailed", [97] = "NetworkAborted", [98] = "MsgBlocked", [100] = "InvalidSessionType",
        [101] = "InvalidPbType", [102] = "NoSim", [103] = "PbNotReady", [104] = "PinRestriction", [105] = "Pin2Restriction",
        [106] = "PukRestriction", [107] = "Puk2Restriction", [108] = "PbAccessRestricted", [109] = "PbDeleteInProgress",
        [110] = "PbTextTooLong", [111] = "PbNumberTooLong", [112] = "PbHiddenKeyRestriction", [113] = "PbNotAvailable",
        [114] = "DeviceMemoryError", [115] = "NoPermission", [116] = "TooSoon", [117] = "TimeNotAcquired",
        [118] = "OperationInProgress",
    };

    public const int None = 0;
    public const int Internal = 3;
    public const int InvalidServiceType = 31;
    public const int IncorrectPin = 12;
    public const int MissingArgument = 17;
    public const int NoEffect = 26;
    public const int InvalidArgument = 48;
    public const int DeviceNotReady = 52;
    public const int InvalidTransition = 60;
    public const int InvalidQmiCommand = 71;
    public const int NotSupported = 94;
    public const int PinBlocked = 35;
    public const int InvalidHandle = 9;
    public const int OutOfCall = 15;
    public const int CallFailed = 14;
    public const int InvalidClientId = 7;
    public const int ClientIdsExhausted = 5;
    public const int UimUninitialized = 37;
    public const int NoNetworkFound = 13;
    public const int PinRestriction = 104;
    public const int NoSim = 102;

    /// <summary>"IncorrectPin" for 12; "Unknown(N)" for a code libqmi does not name.</summary>
    public static string Name(int code) => Names.TryGetValue(code, out var name) ? name : $"Unknown({code})";
}
