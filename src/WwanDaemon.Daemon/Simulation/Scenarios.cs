using WwanDaemon.Daemon.CommandLine;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Daemon.Simulation;

/// <summary>One modem of a scenario: its profile and where it is plugged.</summary>
public sealed record ScenarioModem(ModemProfile Profile, string BusPath);

/// <summary>What `wwan-daemon --simulate NAME` plugs into its simulated machine, and how the daemon runs over it.</summary>
/// <param name="Name">The scenario's name (SimulationScenarios.Names).</param>
/// <param name="Description">One line for --help and logs.</param>
/// <param name="Modems">What is plugged at start.</param>
/// <param name="AllowModeSwitch">Seed 000: the opt-in vendor mode switch is allowed.</param>
/// <param name="Fast">Shorter polling, so the demo answers quickly.</param>
public sealed record Scenario(string Name, string Description, IReadOnlyList<ScenarioModem> Modems, bool AllowModeSwitch = false, bool Fast = true);

public static class Scenarios
{
    /// <summary>SIMCom SIM7600G-H in its QMI composition (1e0e:9001): qmi_wwan on interface 5, AT on ttyUSB2/3.</summary>
    private static readonly ModemProfile Sim7600Qmi = Profiles.Get("sim7600-rndis") with
    {
        Name = "sim7600-qmi",
        UsbProductId = 0x9001,
        Protocols = ["qmi", "at"],
    };

    public static Scenario Get(string name) => name switch
    {
        SimulationScenarios.Default => new Scenario(name, "a SIMCom SIM7600G-H in its QMI composition: probes, connects over QMI",
            [new ScenarioModem(Sim7600Qmi, "1-1")]),
        "seed-000" => new Scenario(name, "seed 000: SIM7600G-H in RNDIS composition (9011); the opt-in AT+CUSBPIDSWITCH switch to 9001, then QMI",
            [new ScenarioModem(Profiles.Get("sim7600-rndis") with { Protocols = ["at", "qmi"] }, "1-1")], AllowModeSwitch: true),
        "seed-004" => new Scenario(name, "seed 004: HP lt4112 with three configurations and qcserial on the MBIM interfaces; fixed at discovery, connected over MBIM",
            [new ScenarioModem(MachineProfiles.HpLt4112, "2-6")]),
        _ => throw new ScenarioNotAvailableException(name),
    };
}

/// <summary>The scenario is named in SimulationScenarios but this build cannot simulate it yet.</summary>
public sealed class ScenarioNotAvailableException(string name)
    : Exception($"--simulate {name}: this scenario's modem has no simulated USB composition yet; available now: default, seed-000, seed-004");
