namespace WwanDaemon.Mbim.Client;

/// <summary>How an <see cref="MbimDevice"/> behaves.</summary>
public sealed record MbimDeviceOptions
{
    /// <summary>Names the port in errors and logs ("/dev/cdc-wdm0").</summary>
    public string Name { get; init; } = "MBIM port";

    /// <summary>How long a request may wait for its answer (never forever).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest transfer the host accepts and sends (announced in OPEN; longer messages are fragmented).</summary>
    public int MaxControlTransfer { get; init; } = 4096;

    /// <summary>Indications kept before the oldest are dropped (a slow reader must not stall the port).</summary>
    public int IndicationCapacity { get; init; } = 256;
}
