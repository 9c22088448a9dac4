namespace WwanDaemon.Network.Dhcp;

/// <summary>How <see cref="DhcpLeaseClient"/> runs udhcpc.</summary>
public sealed record DhcpLeaseClientOptions
{
    /// <summary>
    /// The command that runs udhcpc, before its arguments: Debian's busybox package ships it as an
    /// applet ("busybox udhcpc"); the udhcpc package adds a /sbin/udhcpc link to the same binary.
    /// Tests prefix "ip netns exec NAME" to run it inside a namespace.
    /// </summary>
    public IReadOnlyList<string> Command { get; init; } = ["busybox", "udhcpc"];

    /// <summary>The whole exchange, discover to ack, must finish within this; the client is killed after it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>DHCPDISCOVERs to send before giving up (udhcpc -t).</summary>
    public int Discovers { get; init; } = 5;

    /// <summary>Seconds between discovers (udhcpc -T).</summary>
    public int SecondsBetweenDiscovers { get; init; } = 3;

    /// <summary>Where the hook script and lease file live while the client runs (a private directory is made inside).</summary>
    public string? WorkDirectory { get; init; }
}
