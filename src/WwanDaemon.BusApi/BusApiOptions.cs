namespace WwanDaemon.BusApi;

/// <summary>What the D-Bus APIs need from the daemon beyond the fleet.</summary>
public sealed record BusApiOptions
{
    /// <summary>The ModemManager version the compatible API reports (the 1.20 API is what it follows).</summary>
    public string ModemManagerVersion { get; init; } = "1.20.0";

    /// <summary>wwan-daemon's own version, on our manager interface.</summary>
    public string DaemonVersion { get; init; } = "0";

    /// <summary>Whether org.freedesktop.ModemManager1 is owned (false: only our name; the same objects are reachable through it).</summary>
    public bool ModemManagerNameOwned { get; init; } = true;

    /// <summary>The USB composition policy now in force ("prefer-mbim").</summary>
    public Func<string> Policy { get; init; } = () => "prefer-mbim";

    /// <summary>Changes the policy for the next plans; throws <see cref="ArgumentException"/> naming the allowed values.</summary>
    public Action<string>? SetPolicy { get; init; }

    /// <summary>The diagnosis JSON (as `wwanctl diagnose --json` prints it) of every USB device when given null, or of the device at that sysfs path.</summary>
    public Func<string?, string> Diagnose { get; init; } = _ => "[]";

    /// <summary>Changes the daemon's log level from ModemManager's names (ERR, WARN, INFO, DEBUG); null when the host cannot.</summary>
    public Action<string>? SetLogLevel { get; init; }

    /// <summary>How long a command (connect, enable, PIN) may take before the caller gets Core.Failed.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
