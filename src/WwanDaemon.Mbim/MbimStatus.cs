namespace WwanDaemon.Mbim;

/// <summary>
/// MBIM status codes (MBIM 1.0 Table 9-? "MBIM_STATUS_CODES" plus the Microsoft and vendor ranges),
/// as libmbim declares them in src/libmbim-glib/mbim-errors.h (MbimStatusError, commit 2f6c6ad).
/// Names are the libmbim identifiers in PascalCase (MBIM_STATUS_ERROR_PIN_REQUIRED -> PinRequired),
/// except 0, which is <see cref="Success"/>, and 19, spelled out as <see cref="InvalidUserNamePassword"/>.
/// </summary>
public static class MbimStatus
{
    public const uint Success = 0;

    public const uint Busy = 1;

    public const uint Failure = 2;

    public const uint SimNotInserted = 3;

    public const uint BadSim = 4;

    public const uint PinRequired = 5;

    public const uint PinDisabled = 6;

    public const uint NotRegistered = 7;

    public const uint ProvidersNotFound = 8;

    public const uint NoDeviceSupport = 9;

    public const uint ProviderNotVisible = 10;

    public const uint DataClassNotAvailable = 11;

    public const uint PacketServiceDetached = 12;

    public const uint MaxActivatedContexts = 13;

    public const uint NotInitialized = 14;

    public const uint VoiceCallInProgress = 15;

    public const uint ContextNotActivated = 16;

    public const uint ServiceNotActivated = 17;

    public const uint InvalidAccessString = 18;

    public const uint InvalidUserNamePassword = 19;

    public const uint RadioPowerOff = 20;

    public const uint InvalidParameters = 21;

    public const uint ReadFailure = 22;

    public const uint WriteFailure = 23;

    public const uint NoPhonebook = 25;

    public const uint ParameterTooLong = 26;

    public const uint StkBusy = 27;

    public const uint OperationNotAllowed = 28;

    public const uint MemoryFailure = 29;

    public const uint InvalidMemoryIndex = 30;

    public const uint MemoryFull = 31;

    public const uint FilterNotSupported = 32;

    public const uint DssInstanceLimit = 33;

    public const uint InvalidDeviceServiceOperation = 34;

    public const uint AuthIncorrectAutn = 35;

    public const uint AuthSyncFailure = 36;

    public const uint AuthAmfNotSet = 37;

    public const uint ContextNotSupported = 38;

    public const uint SmsUnknownSmscAddress = 100;

    public const uint SmsNetworkTimeout = 101;

    public const uint SmsLangNotSupported = 102;

    public const uint SmsEncodingNotSupported = 103;

    public const uint SmsFormatNotSupported = 104;

    public const uint MsNoLogicalChannels = 0x87430001;

    public const uint MsSelectFailed = 0x87430002;

    public const uint MsInvalidLogicalChannel = 0x87430003;

    public const uint InvalidSignature = 0x91000001;

    public const uint InvalidImei = 0x91000002;

    public const uint InvalidTimestamp = 0x91000003;

    public const uint NetworkListTooLarge = 0x91000004;

    public const uint SignatureAlgorithmNotSupported = 0x91000005;

    public const uint FeatureNotSupported = 0x91000006;

    public const uint DecodeOrParsingError = 0x91000007;

    private static readonly Dictionary<uint, string> Names = new()
    {
        [Success] = nameof(Success),
        [Busy] = nameof(Busy),
        [Failure] = nameof(Failure),
        [SimNotInserted] = nameof(SimNotInserted),
        [BadSim] = nameof(BadSim),
        [PinRequired] = nameof(PinRequired),
        [PinDisabled] = nameof(PinDisabled),
        [NotRegistered] = nameof(NotRegistered),
        [ProvidersNotFound] = nameof(ProvidersNotFound),
        [NoDeviceSupport] = nameof(NoDeviceSupport),
        [ProviderNotVisible] = nameof(ProviderNotVisible),
        [DataClassNotAvailable] = nameof(DataClassNotAvailable),
        [PacketServiceDetached] = nameof(PacketServiceDetached),
        [MaxActivatedContexts] = nameof(MaxActivatedContexts),
        [NotInitialized] = nameof(NotInitialized),
        [VoiceCallInProgress] = nameof(VoiceCallInProgress),
        [ContextNotActivated] = nameof(ContextNotActivated),
        [ServiceNotActivated] = nameof(ServiceNotActivated),
        [InvalidAccessString] = nameof(InvalidAccessString),
        [InvalidUserNamePassword] = nameof(InvalidUserNamePassword),
        [RadioPowerOff] = nameof(RadioPowerOff),
        [InvalidParameters] = nameof(InvalidParameters),
        [ReadFailure] = nameof(ReadFailure),
        [WriteFailure] = nameof(WriteFailure),
        [NoPhonebook] = nameof(NoPhonebook),
        [ParameterTooLong] = nameof(ParameterTooLong),
        [StkBusy] = nameof(StkBusy),
        [OperationNotAllowed] = nameof(OperationNotAllowed),
        [MemoryFailure] = nameof(MemoryFailure),
        [InvalidMemoryIndex] = nameof(InvalidMemoryIndex),
        [MemoryFull] = nameof(MemoryFull),
        [FilterNotSupported] = nameof(FilterNotSupported),
        [DssInstanceLimit] = nameof(DssInstanceLimit),
        [InvalidDeviceServiceOperation] = nameof(InvalidDeviceServiceOperation),
        [AuthIncorrectAutn] = nameof(AuthIncorrectAutn),
        [AuthSyncFailure] = nameof(AuthSyncFailure),
        [AuthAmfNotSet] = nameof(AuthAmfNotSet),
        [ContextNotSupported] = nameof(ContextNotSupported),
        [SmsUnknownSmscAddress] = nameof(SmsUnknownSmscAddress),
        [SmsNetworkTimeout] = nameof(SmsNetworkTimeout),
        [SmsLangNotSupported] = nameof(SmsLangNotSupported),
        [SmsEncodingNotSupported] = nameof(SmsEncodingNotSupported),
        [SmsFormatNotSupported] = nameof(SmsFormatNotSupported),
        [MsNoLogicalChannels] = nameof(MsNoLogicalChannels),
        [MsSelectFailed] = nameof(MsSelectFailed),
        [MsInvalidLogicalChannel] = nameof(MsInvalidLogicalChannel),
        [InvalidSignature] = nameof(InvalidSignature),
        [InvalidImei] = nameof(InvalidImei),
        [InvalidTimestamp] = nameof(InvalidTimestamp),
        [NetworkListTooLarge] = nameof(NetworkListTooLarge),
        [SignatureAlgorithmNotSupported] = nameof(SignatureAlgorithmNotSupported),
        [FeatureNotSupported] = nameof(FeatureNotSupported),
        [DecodeOrParsingError] = nameof(DecodeOrParsingError),
    };

    /// <summary>The status name ("PinRequired", "RadioPowerOff"), or its hex value when unknown ("0x12345678").</summary>
    public static string Name(uint status) => Names.TryGetValue(status, out var name) ? name : $"0x{status:x8}";
}
