namespace WwanDaemon.Simulator.Machine;

/// <summary>How a <see cref="SimulatedMachine"/> goes beyond its files.</summary>
public sealed record SimulatedMachineOptions
{
    /// <summary>
    /// Back each raw-IP network interface the kernel model creates (qmi_wwan's and cdc_mbim's wwanN)
    /// with a real TUN device of the same name (IFF_TUN | IFF_NO_PI) in the calling process's network
    /// namespace, answered by the modem's simulated network (<see cref="DataPath.TunPacketResponder"/>);
    /// removed on unplug and dispose. Off by default: it needs CAP_NET_ADMIN, and the devices appear in
    /// the caller's namespace, so run it inside a fresh one (ip netns add; ip netns exec).
    /// </summary>
    public bool TunNetworkInterfaces { get; init; }

    /// <summary>
    /// How long the kernel takes between a device's "add" and its configuration choice (a slow bus reading
    /// descriptors). A host may write bConfigurationValue in between; that write is applied after the
    /// kernel's choice, as the real store waits for the device lock the generic driver's probe holds. Zero by default.
    /// </summary>
    public TimeSpan ConfigurationChoiceDelay { get; init; }
}
