namespace WwanDaemon.At.Client;

/// <summary>Settings of one AT port.</summary>
public sealed record AtChannelOptions
{
    /// <summary>Names the port in every message ("ttyUSB2").</summary>
    public string Name { get; init; } = "AT port";

    /// <summary>How long a command may wait for its final result unless the command carries its own timeout.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>URCs kept per subscriber that is not reading; the oldest are dropped beyond this.</summary>
    public int UnsolicitedCapacity { get; init; } = 256;
}
