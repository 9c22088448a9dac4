namespace WwanDaemon.Composition.KnowledgeBase;

/// <summary>What an interface carries (docs/knowledge-base.md, "Roles").</summary>
public enum InterfaceRole
{
    Unknown,
    Qmi,
    MbimControl,
    MbimData,
    EcmControl,
    EcmData,
    NcmControl,
    NcmData,
    RndisControl,
    RndisData,
    AtPrimary,
    AtSecondary,
    Ppp,
    At,
    Gps,
    Diag,
    Adb,
    Audio,
    FirmwareDownload,
    Storage,
    Ignore,
    Serial,
}

public static class InterfaceRoles
{
    private static readonly Dictionary<string, InterfaceRole> ByName = new(StringComparer.Ordinal)
    {
        ["unknown"] = InterfaceRole.Unknown,
        ["qmi"] = InterfaceRole.Qmi,
        ["mbim-control"] = InterfaceRole.MbimControl,
        ["mbim-data"] = InterfaceRole.MbimData,
        ["ecm-control"] = InterfaceRole.EcmControl,
        ["ecm-data"] = InterfaceRole.EcmData,
        ["ncm-control"] = InterfaceRole.NcmControl,
        ["ncm-data"] = InterfaceRole.NcmData,
        ["rndis-control"] = InterfaceRole.RndisControl,
        ["rndis-data"] = InterfaceRole.RndisData,
        ["at-primary"] = InterfaceRole.AtPrimary,
        ["at-secondary"] = InterfaceRole.AtSecondary,
        ["ppp"] = InterfaceRole.Ppp,
        ["at"] = InterfaceRole.At,
        ["gps"] = InterfaceRole.Gps,
        ["diag"] = InterfaceRole.Diag,
        ["adb"] = InterfaceRole.Adb,
        ["audio"] = InterfaceRole.Audio,
        ["firmware-download"] = InterfaceRole.FirmwareDownload,
        ["storage"] = InterfaceRole.Storage,
        ["ignore"] = InterfaceRole.Ignore,
        ["serial"] = InterfaceRole.Serial,
    };

    private static readonly Dictionary<InterfaceRole, string> Names = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static bool TryParse(string name, out InterfaceRole role) => ByName.TryGetValue(name, out role);

    public static string Name(this InterfaceRole role) => Names[role];

    /// <summary>Roles carried by a tty (a USB serial driver).</summary>
    public static bool IsSerial(this InterfaceRole role) => role is InterfaceRole.AtPrimary or InterfaceRole.AtSecondary
        or InterfaceRole.Ppp or InterfaceRole.At or InterfaceRole.Gps or InterfaceRole.Diag or InterfaceRole.Serial;

    /// <summary>Roles that speak AT commands.</summary>
    public static bool IsAt(this InterfaceRole role) => role is InterfaceRole.AtPrimary or InterfaceRole.AtSecondary or InterfaceRole.Ppp or InterfaceRole.At;

    /// <summary>Roles of a CDC network function (control or data interface).</summary>
    public static bool IsCdcNetwork(this InterfaceRole role) => role is InterfaceRole.MbimControl or InterfaceRole.MbimData
        or InterfaceRole.EcmControl or InterfaceRole.EcmData or InterfaceRole.NcmControl or InterfaceRole.NcmData
        or InterfaceRole.RndisControl or InterfaceRole.RndisData;

    /// <summary>A person-readable description.</summary>
    public static string Describe(this InterfaceRole role) => role switch
    {
        InterfaceRole.Qmi => "QMI control and data (network interface)",
        InterfaceRole.MbimControl => "MBIM control",
        InterfaceRole.MbimData => "MBIM data",
        InterfaceRole.EcmControl => "CDC ECM (Ethernet) control",
        InterfaceRole.EcmData => "CDC ECM (Ethernet) data",
        InterfaceRole.NcmControl => "CDC NCM control",
        InterfaceRole.NcmData => "CDC NCM data",
        InterfaceRole.RndisControl => "RNDIS control",
        InterfaceRole.RndisData => "RNDIS data",
        InterfaceRole.AtPrimary => "AT commands (primary)",
        InterfaceRole.AtSecondary => "AT commands (secondary)",
        InterfaceRole.Ppp => "modem port (AT, PPP data)",
        InterfaceRole.At => "AT commands",
        InterfaceRole.Gps => "GPS (NMEA sentences)",
        InterfaceRole.Diag => "Qualcomm DIAG/QCDM diagnostics",
        InterfaceRole.Adb => "Android debug bridge",
        InterfaceRole.Audio => "audio",
        InterfaceRole.FirmwareDownload => "firmware download (QDL/EDL)",
        InterfaceRole.Storage => "mass storage (driver CD)",
        InterfaceRole.Ignore => "reserved (nothing should open it)",
        InterfaceRole.Serial => "serial port of unknown function (probe it)",
        _ => "unknown function",
    };
}
