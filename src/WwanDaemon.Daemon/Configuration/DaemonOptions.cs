using Serilog.Events;
using WwanDaemon.Composition.Planning;

namespace WwanDaemon.Daemon.Configuration;

/// <summary>
/// Everything an administrator can set, read once at start from /etc/wwan-daemon/config.json (or
/// --config FILE), then WWAN_DAEMON_* environment variables, then --Key=value on the command line;
/// later sources win. Keys are the property names (sections for the nested ones, e.g.
/// "Reconnect": { "MaxSeconds": 300 } or WWAN_DAEMON_Reconnect__MaxSeconds=300).
/// </summary>
public sealed record DaemonOptions
{
    /// <summary>Where sysfs is mounted; the simulator points this at its own tree.</summary>
    public string SysfsRoot { get; init; } = "/sys";

    /// <summary>Where the device nodes are (cdc-wdm0, ttyUSB2).</summary>
    public string DevRoot { get; init; } = "/dev";

    /// <summary>Persistent state (systemd's StateDirectory=wwan-daemon).</summary>
    public string StateDirectory { get; init; } = "/var/lib/wwan-daemon";

    /// <summary>Which control protocol to steer modems to: prefer-mbim, prefer-qmi or keep.</summary>
    public CompositionPolicy Policy { get; init; } = CompositionPolicy.PreferMbim;

    /// <summary>Allow the opt-in AT commands that change a modem's persistent USB composition.</summary>
    public bool AllowModeSwitch { get; init; }

    /// <summary>apply: the daemon configures the interface; report: it only publishes the settings.</summary>
    public IpConfigurationMode IpConfiguration { get; init; } = IpConfigurationMode.Apply;

    public ReconnectBackoffOptions Reconnect { get; init; } = new();

    public ReenumerationLoopOptions ReenumerationLoop { get; init; } = new();

    /// <summary>Log IMSI, ICCID, IMEI, phone numbers and PINs unredacted (for a bug report on a test SIM only).</summary>
    public bool LogPersonalData { get; init; }

    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;

    /// <summary>auto: the journal when stderr is systemd's journal stream (JOURNAL_STREAM), else stderr.</summary>
    public LogTarget LogTarget { get; init; } = LogTarget.Auto;

    /// <summary>"system" (the system bus; sd-bus honours DBUS_SYSTEM_BUS_ADDRESS), "none" (no D-Bus API), or a D-Bus address ("unix:path=/run/x").</summary>
    public string Bus { get; init; } = "system";

    /// <summary>Own org.freedesktop.ModemManager1 (on) or leave it to ModemManager (off); our own name and objects are exported either way.</summary>
    public bool ModemManagerApi { get; init; } = true;

    /// <summary>Besides root, the members of this group may control modems over D-Bus (connect, PIN, enable, policy).</summary>
    public string ControlGroup { get; init; } = "netdev";

    /// <summary>auto: callers outside root and ControlGroup are authorized by polkit when it is on the bus (action org.wwandaemon.WwanDaemon1.control); off: never ask polkit.</summary>
    public bool Polkit { get; init; } = true;
}

/// <summary>Waiting between reconnect attempts: doubles from Initial up to Max, each wait ± Jitter (a fraction).</summary>
public sealed record ReconnectBackoffOptions
{
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Max { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>0 to 1: 0.2 spreads each wait over ±20 % so a cell outage does not make every modem retry at once.</summary>
    public double Jitter { get; init; } = 0.2;
}

/// <summary>A device that re-enumerates Cycles times within Window is left alone (a switch that does not stick).</summary>
public sealed record ReenumerationLoopOptions
{
    public int Cycles { get; init; } = 3;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);
}

public enum IpConfigurationMode
{
    Apply,
    Report,
}

public enum LogTarget
{
    Auto,
    Console,
    Journal,
}
