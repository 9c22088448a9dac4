namespace WwanDaemon.At.Lines;

/// <summary>
/// The +CME ERROR numbers of 3GPP TS 27.007 §9.2.1 (general) and §9.2.2 (GPRS) that a modem
/// daemon acts on, with their verbose texts, so "+CME ERROR: 10" and "+CME ERROR: SIM not inserted"
/// mean the same thing.
/// </summary>
public static class CmeErrors
{
    public const int OperationNotAllowed = 3;
    public const int OperationNotSupported = 4;
    public const int SimNotInserted = 10;
    public const int SimPinRequired = 11;
    public const int SimPukRequired = 12;
    public const int SimFailure = 13;
    public const int SimBusy = 14;
    public const int IncorrectPassword = 16;
    public const int NoNetworkService = 30;
    public const int NetworkTimeout = 31;

    private static readonly Dictionary<int, string> Texts = new()
    {
        [0] = "phone failure",
        [1] = "no connection to phone",
        [2] = "phone-adaptor link reserved",
        [3] = "operation not allowed",
        [4] = "operation not supported",
        [5] = "PH-SIM PIN required",
        [6] = "PH-FSIM PIN required",
        [7] = "PH-FSIM PUK required",
        [10] = "SIM not inserted",
        [11] = "SIM PIN required",
        [12] = "SIM PUK required",
        [13] = "SIM failure",
        [14] = "SIM busy",
        [15] = "SIM wrong",
        [16] = "incorrect password",
        [17] = "SIM PIN2 required",
        [18] = "SIM PUK2 required",
        [20] = "memory full",
        [21] = "invalid index",
        [22] = "not found",
        [23] = "memory failure",
        [24] = "text string too long",
        [25] = "invalid characters in text string",
        [26] = "dial string too long",
        [27] = "invalid characters in dial string",
        [30] = "no network service",
        [31] = "network timeout",
        [32] = "network not allowed - emergency calls only",
        [40] = "network personalization PIN required",
        [41] = "network personalization PUK required",
        [100] = "unknown",
        [103] = "Illegal MS",
        [106] = "Illegal ME",
        [107] = "GPRS services not allowed",
        [111] = "PLMN not allowed",
        [112] = "Location area not allowed",
        [113] = "Roaming not allowed in this location area",
        [132] = "service option not supported",
        [133] = "requested service option not subscribed",
        [134] = "service option temporarily out of order",
        [148] = "unspecified GPRS error",
        [149] = "PDP authentication failure",
        [150] = "invalid mobile class",
    };

    private static readonly Dictionary<string, int> Codes = Texts.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The standard text for <paramref name="code"/>, or null for a vendor-specific number.</summary>
    public static string? Describe(int code) => Texts.GetValueOrDefault(code);

    /// <summary>The number for a verbose text (case-insensitive), or null when the text is a vendor's own.</summary>
    public static int? Find(string text) => Codes.TryGetValue(text.Trim(), out var code) ? code : null;
}
