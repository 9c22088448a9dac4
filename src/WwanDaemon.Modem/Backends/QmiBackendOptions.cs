namespace WwanDaemon.Modem.Backends;

/// <summary>How a QMI modem is driven.</summary>
public sealed record QmiBackendOptions
{
    /// <summary>Names the port in messages ("/dev/cdc-wdm0").</summary>
    public string PortName { get; init; } = "cdc-wdm";

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Ask WDA for raw-IP framing before connecting (qmi_wwan in raw-IP mode; every LTE/5G modem wants it).</summary>
    public bool SetRawIp { get; init; } = true;

    /// <summary>qmi_wwan's switch for the network interface's framing, SYSROOT/class/net/wwanN/qmi/raw_ip; written "Y" after WDA agreed. Null to leave it.</summary>
    public string? RawIpSysfsFile { get; init; }

    /// <summary>Send DMS Set FCC Authentication when the radio refuses to go online (the fcc-unlock quirk).</summary>
    public bool FccUnlock { get; init; }
}
