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
    };

    public static ModemProfile Get(string name) => All.TryGetValue(name, out var profile)
        ? profile
        : throw new ArgumentException($"no simulator profile '{name}'; the profiles are: {string.Join(", ", All.Keys)}", nameof(name));
}
