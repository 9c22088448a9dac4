namespace WwanDaemon.Daemon.CommandLine;

/// <summary>wwan-daemon's exit statuses (the 6x/7x ones from sysexits.h, which systemd also knows).</summary>
public static class ExitCodes
{
    /// <summary>Stopped cleanly, or --until reached its state.</summary>
    public const int Ok = 0;

    /// <summary>--until timed out; stderr names each modem that did not get there.</summary>
    public const int UntilTimedOut = 1;

    /// <summary>EX_USAGE: bad command line (unknown option, scenario or state).</summary>
    public const int Usage = 64;

    /// <summary>EX_SOFTWARE: a bug, or a part that is not wired yet (--simulate before the supervisor lands).</summary>
    public const int Software = 70;

    /// <summary>EX_CONFIG: the configuration is invalid; stderr names the key, value, allowed values and file.</summary>
    public const int Config = 78;
}
