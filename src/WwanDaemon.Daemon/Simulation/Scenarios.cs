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
/// <param name="Replugs">Seed 002: the device drops off the bus and comes back this many times, one <paramref name="ReplugEvery"/> apart.</param>
/// <param name="ReplugEvery">Time between the replugs.</param>
public sealed record Scenario(string Name, string Description, IReadOnlyList<ScenarioModem> Modems, bool AllowModeSwitch = false, bool Fast = true,
    int Replugs = 0, TimeSpan ReplugEvery = default);

public static class Scenarios
{
    public static Scenario Get(string name) => name switch
    {
        SimulationScenarios.Default => new Scenario(name, "a SIMCom SIM7600G-H in its QMI composition: probes, connects over QMI",
            [new ScenarioModem(MachineProfiles.Sim7600Qmi, "1-1")]),
        SimulationScenarios.PinLocked => new Scenario(name, "the default SIM7600G-H (QMI) with a SIM that wants PIN 1234 and a profile without one: stays locked until the PIN is sent",
            [new ScenarioModem(MachineProfiles.Sim7600Qmi with { Name = "sim7600-qmi-pin-locked", Sim = MachineProfiles.Sim7600Qmi.Sim with { State = SimState.PinRequired, Pin = "1234" } }, "1-1")]),
        "seed-000" => new Scenario(name, "seed 000: SIM7600G-H in RNDIS composition (9011); the opt-in AT+CUSBPIDSWITCH switch to 9001, then QMI",
            [new ScenarioModem(Profiles.Get("sim7600-rndis") with { Protocols = ["at", "qmi"] }, "1-1")], AllowModeSwitch: true),
        "seed-000-rndis" => new Scenario(name, "seed 000 without the mode switch: the RNDIS composition stays, AT drives the data call ($QCRMCALL), DHCP would address usb0",
            [new ScenarioModem(Profiles.Get("sim7600-rndis"), "1-1")]),
        "seed-001" => new Scenario(name, "seed 001: Dell DW5570 (413c:81a3) whose firmware answers whichever of QMI and MBIM it hears first; cdc_mbim, so only MBIM is spoken",
            [new ScenarioModem(MachineProfiles.Dw5570, "1-7")]),
        "seed-002" => new Scenario(name, "seed 002: Sierra MC8355 (1199:9013) that drops off the bus seconds after qmi_wwan registers, again and again: a re-enumeration loop",
            [new ScenarioModem(MachineProfiles.Mc8355, "1-1")], Replugs: 4, ReplugEvery: TimeSpan.FromMilliseconds(900)),
        "seed-002-stable" => new Scenario(name, "seed 002 with a stable device: qcserial ttys, the answering one chosen, QMI on interface 0",
            [new ScenarioModem(MachineProfiles.Mc8355, "1-1")]),
        "seed-003" => new Scenario(name, "seed 003: Sierra EM7355 (1199:901f) in MBIM, FCC-locked until QMI DMS Set FCC Authentication is sent through MBIM",
            [new ScenarioModem(MachineProfiles.Em7355, "1-10")]),
        "seed-004" => new Scenario(name, "seed 004: HP lt4112 with three configurations and qcserial on the MBIM interfaces; fixed at discovery, connected over MBIM",
            [new ScenarioModem(MachineProfiles.HpLt4112, "2-6")]),
        _ => throw new ScenarioNotAvailableException(name),
    };
}

/// <summary>The scenario is named in SimulationScenarios but this build cannot simulate it yet.</summary>
public sealed class ScenarioNotAvailableException(string name)
    : Exception($"--simulate {name}: no such scenario; available: {string.Join(", ", SimulationScenarios.Names)}");
