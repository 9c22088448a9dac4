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
}
