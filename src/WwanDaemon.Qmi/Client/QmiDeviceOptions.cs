namespace WwanDaemon.Qmi.Client;

/// <summary>How a <see cref="QmiDevice"/> behaves.</summary>
public sealed record QmiDeviceOptions
{
    /// <summary>Names the port in errors and logs ("/dev/cdc-wdm0").</summary>
    public string Name { get; init; } = "QMI port";

    /// <summary>How long a request may wait for its response (never forever).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Send CTL Sync when opening, so the modem drops clients a crashed process left allocated.</summary>
    public bool SyncOnOpen { get; init; } = true;

    /// <summary>Indications kept per client before the oldest are dropped (a slow reader must not stall the port).</summary>
    public int IndicationCapacity { get; init; } = 256;
}
