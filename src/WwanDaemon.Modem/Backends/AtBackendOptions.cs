using WwanDaemon.At.Parsers;

namespace WwanDaemon.Modem.Backends;

/// <summary>How a modem driven by AT alone (data on an ECM/RNDIS/NCM function) is driven.</summary>
public sealed record AtBackendOptions
{
    /// <summary>Names the port in messages ("/dev/ttyUSB2").</summary>
    public string PortName { get; init; } = "AT port";

    /// <summary>How long an ordinary command may take.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long AT+CFUN=1, the data call and its end may take: the radio and the network answer
    /// these, not only the firmware (ModemManager allows tens of seconds for both).
    /// </summary>
    public TimeSpan NetworkCommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Which vendor's data call to use.</summary>
    public AtDataCallDialect DataCall { get; init; } = AtDataCallDialect.GenericCgact;

    /// <summary>The +QNETDEVCTL argument order, for <see cref="AtDataCallDialect.QuectelQnetdevctl"/> only (from the module's chipset).</summary>
    public QuectelNetDeviceLayout QuectelLayout { get; init; } = QuectelNetDeviceLayout.OperationFirst;

    /// <summary>The PDP context the data call uses (+CGDCONT &lt;cid&gt;); 1 is the one every firmware routes to the network function.</summary>
    public int ContextId { get; init; } = 1;

    /// <summary>
    /// How many times AT+CPIN? is asked again while the SIM answers "NOT READY" or +CME ERROR: 14
    /// (SIM busy), one second apart, before giving up.
    /// </summary>
    public int SimNotReadyRetries { get; init; } = 5;

    /// <summary>The wait between those tries.</summary>
    public TimeSpan SimNotReadyDelay { get; init; } = TimeSpan.FromSeconds(1);
}
