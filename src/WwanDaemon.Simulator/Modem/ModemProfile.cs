namespace WwanDaemon.Simulator.Modem;

/// <summary>Identity and behaviour of a simulated modem; <see cref="Profiles"/> names the built-in ones.</summary>
public sealed record ModemProfile
{
    public string Name { get; init; } = "default";

    public string Manufacturer { get; init; } = "WwanDaemon Simulator";

    public string Model { get; init; } = "SIM-QMI-1";

    public string Revision { get; init; } = "SIM.01.00.00";

    public string Imei { get; init; } = "356938035643809";

    public string Esn { get; init; } = "0";

    public string Meid { get; init; } = "35693803564380";

    public SimCard Sim { get; init; } = new(SimState.Ready, "1234", "12345678", SimCard.DefaultPinRetries, SimCard.DefaultPukRetries, "89014103211118510720", "310410123456789");

    public bool StartOnline { get; init; } = true;

    public bool FccLocked { get; init; }

    public RegistrationState RegistersAs { get; init; } = RegistrationState.Home;

    /// <summary>How long the modem searches before <see cref="RegistersAs"/> (zero: at once).</summary>
    public TimeSpan SearchTime { get; init; }

    public string OperatorMcc { get; init; } = "001";

    public string OperatorMnc { get; init; } = "01";

    public string OperatorName { get; init; } = "Simulated Network";

    public SignalQuality Signal { get; init; } = new(-67, -95, -10.5, 12.0);

    public IReadOnlyList<string> AllowedApns { get; init; } = ["internet"];

    /// <summary>The wwan-sim protocols that can play this profile (a device that only starts in MBIM lists only "mbim").</summary>
    public IReadOnlyList<string> Protocols { get; init; } = ["qmi", "mbim", "at"];

    /// <summary>
    /// Firmware bug of seed 001 (Dell DW5570, knowledge base quirk <c>first-protocol-wins</c>): the
    /// control port accepts QMUX and MBIM framing, and after the first valid message of one protocol
    /// silently ignores the other until the modem resets.
    /// </summary>
    public bool FirstProtocolWins { get; init; }

    /// <summary>How many packet data sessions the MBIM face offers (DEVICE_CAPS MaxSessions; session ids 0..N-1).</summary>
    public int MaxSessions { get; init; } = 8;

    /// <summary>The serving cell's tracking area code (+CEREG &lt;tac&gt;, 16 bits).</summary>
    public int TrackingAreaCode { get; init; } = 0x00C3;

    /// <summary>The serving cell's E-UTRAN cell id (+CEREG &lt;ci&gt;, 28 bits).</summary>
    public int CellId { get; init; } = 0x01A2D01;

    /// <summary>The vendor AT commands the firmware adds to TS 27.007 (<c>simcom</c>, <c>huawei</c>, <c>quectel-asr</c>, <c>quectel-unisoc</c>), or null for none.</summary>
    public string? AtVendorCommands { get; init; }

    /// <summary>The USB vendor id, for a profile whose composition the simulator knows (<see cref="UsbCompositions"/>).</summary>
    public ushort? UsbVendorId { get; init; }

    /// <summary>The USB product id the modem starts with.</summary>
    public ushort? UsbProductId { get; init; }
}

/// <summary>The built-in profiles.</summary>
public static class Profiles
{
    public static IReadOnlyDictionary<string, ModemProfile> All { get; } = new Dictionary<string, ModemProfile>(StringComparer.Ordinal)
    {
        ["default"] = new ModemProfile(),
        ["pin-locked"] = new ModemProfile
        {
            Name = "pin-locked",
            Sim = new ModemProfile().Sim with { State = SimState.PinRequired },
        },
        ["fcc-locked"] = new ModemProfile { Name = "fcc-locked", FccLocked = true },
        ["roaming"] = new ModemProfile { Name = "roaming", RegistersAs = RegistrationState.Roaming },
        ["denied"] = new ModemProfile { Name = "denied", RegistersAs = RegistrationState.Denied },
        ["slow-network"] = new ModemProfile { Name = "slow-network", SearchTime = TimeSpan.FromSeconds(3) },
        ["no-sim"] = new ModemProfile { Name = "no-sim", Sim = new ModemProfile().Sim with { State = SimState.Absent } },

        // Seed 003: a Sierra EM7355 (1199:901f) that starts in MBIM and keeps its radio off until the
        // QMI DMS Set FCC Authentication request arrives, tunnelled through MBIM's QMI service.
        // Identity strings follow the Sierra 9x15 family's style; they are not a capture.
        ["em7355-fcc-locked"] = new ModemProfile
        {
            Name = "em7355-fcc-locked",
            Manufacturer = "Sierra Wireless, Incorporated",
            Model = "EM7355",
            Revision = "SWI9X15C_05.05.16.02",
            Imei = "359225050123458",
            FccLocked = true,
            Protocols = ["mbim"],
        },

        // Seed 001: a Dell DW5570 (Sierra MC8805, 413c:81a3) whose control port answers whichever of
        // QMI or MBIM it hears first, whatever the USB configuration, until it resets.
        ["dw5570-first-protocol-wins"] = new ModemProfile
        {
            Name = "dw5570-first-protocol-wins",
            Manufacturer = "Sierra Wireless, Incorporated",
            Model = "DW5570",
            Revision = "SWI9X15C_01.08.07.00",
            Imei = "359225050765439",
            FirstProtocolWins = true,
            Protocols = ["mbim", "qmi"],
        },

        // Seed 000: a SIMCom SIM7600G-H (1e0e:9011, RNDIS data + AT control, no QMI) whose firmware
        // refuses Quectel's AT+QCFG and switches composition with AT+CUSBPIDSWITCH (9001 QMI, 9003
        // MBIM), then reboots and re-enumerates. Revision from a SIM7600G-H's AT+CUSBPIDSWITCH log
        // (tests/fixtures/at-replies, "LE20B04SIM7600G22"); manufacturer and model as SIMCom's ATI prints them.
        ["sim7600-rndis"] = new ModemProfile
        {
            Name = "sim7600-rndis",
            Manufacturer = "SIMCOM INCORPORATED",
            Model = "SIMCOM_SIM7600G-H",
            Revision = "LE20B04SIM7600G22",
            Imei = "862636050123457",
            Protocols = ["at"],
            AtVendorCommands = "simcom",
            UsbVendorId = 0x1e0e,
            UsbProductId = 0x9011,
        },

        // Quectel's AT-driven data call (+QNETDEVCTL) on an ECM composition, one profile per chipset
        // family's argument order (At/AtQuectelCommands.cs). Identity strings are in Quectel's style
        // (AT+CGMI "Quectel"), not captures.
        ["ec200t-ecm"] = new ModemProfile
        {
            Name = "ec200t-ecm",
            Manufacturer = "Quectel",
            Model = "EC200T",
            Revision = "EC200TCNDAR02A01M16",
            Imei = "868371050123452",
            Protocols = ["at"],
            AtVendorCommands = "quectel-asr",
        },
        // Huawei's NDIS call (^NDISDUP) on an NCM composition (At/AtHuaweiCommands.cs); identity in
        // Huawei's style, not a capture.
        ["me909s-ncm"] = new ModemProfile
        {
            Name = "me909s-ncm",
            Manufacturer = "Huawei Technologies Co., Ltd.",
            Model = "ME909s-120",
            Revision = "11.617.01.00.00",
            Imei = "867223020123459",
            Protocols = ["at"],
            AtVendorCommands = "huawei",
        },
        ["rg500u-ncm"] = new ModemProfile
        {
            Name = "rg500u-ncm",
            Manufacturer = "Quectel",
            Model = "RG500U",
            Revision = "RG500UEAAAR01A01M4G",
            Imei = "868371050123460",
            Protocols = ["at"],
            AtVendorCommands = "quectel-unisoc",
        },
    };

    /// <summary>The profiles a wwan-sim protocol can play, "default" first, then by name.</summary>
    public static IReadOnlyList<string> For(string protocol) =>
        [.. All.Values.Where(p => p.Protocols.Contains(protocol)).Select(p => p.Name).OrderBy(name => name == "default" ? "" : name, StringComparer.Ordinal)];

    public static ModemProfile Get(string name) => All.TryGetValue(name, out var profile)
        ? profile
        : throw new ArgumentException($"no simulator profile '{name}'; the profiles are: {string.Join(", ", All.Keys)}", nameof(name));
}
