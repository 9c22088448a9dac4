namespace WwanDaemon.Modem.Backends;

/// <summary>How an MBIM modem is driven.</summary>
public sealed record MbimBackendOptions
{
    /// <summary>Names the port in messages ("/dev/cdc-wdm0").</summary>
    public string PortName { get; init; } = "cdc-wdm";

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When the radio refuses to turn on, send QMI DMS Set FCC Authentication through MBIM's QMI
    /// service and try again (seed 003: Sierra EM7355/EM7455 in Lenovo and Dell laptops).
    /// </summary>
    public bool FccUnlockOverQmi { get; init; }

    /// <summary>MBIM session id used for the data session (0 is the first; cdc_mbim maps it to the main net interface).</summary>
    public uint SessionId { get; init; }
}
