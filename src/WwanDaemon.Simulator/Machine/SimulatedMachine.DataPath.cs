using WwanDaemon.Linux.Tun;
using WwanDaemon.Simulator.DataPath;

namespace WwanDaemon.Simulator.Machine;

public sealed partial class SimulatedMachine
{
    private readonly Dictionary<string, TunPacketResponder> dataPaths = new(StringComparer.Ordinal);

    /// <summary>What the machine was created with.</summary>
    public SimulatedMachineOptions Options { get; private init; } = new();

    /// <summary>
    /// The TUN-backed interfaces present now (<see cref="SimulatedMachineOptions.TunNetworkInterfaces"/>)
    /// and their packet counters, by name; empty without the option.
    /// </summary>
    public IReadOnlyList<DataPathCounters> DataPaths
    {
        get
        {
            lock (logGate)
            {
                return [.. dataPaths.Values.Select(d => d.Counters).OrderBy(c => c.Interface, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Throws when the option asks for TUN devices and this thread cannot create them.</summary>
    private static void CheckTunAllowed(SimulatedMachineOptions options)
    {
        if (options.TunNetworkInterfaces && !NetAdminCapability.IsEffective())
        {
            throw new InvalidOperationException(
                "SimulatedMachineOptions.TunNetworkInterfaces creates TUN devices and needs CAP_NET_ADMIN: run as root (best inside a fresh network namespace: ip netns add NAME; ip netns exec NAME ...), or leave the option off");
        }
    }

    /// <summary>qmi_wwan's or cdc_mbim's wwanN becomes a real TUN device when the option says so.</summary>
    private TunPacketResponder? StartDataPath(PluggedDevice device, string name, ClassNodeKind kind)
    {
        if (kind != ClassNodeKind.NetWwan || !Options.TunNetworkInterfaces)
        {
            return null;
        }
        var responder = TunPacketResponder.Start(name, device.Modem);
        lock (logGate)
        {
            dataPaths[name] = responder;
        }
        Log($"{name}: TUN device (raw IP) in this network namespace, answered by the simulated network of {device.BusPath}");
        return responder;
    }

    private void StopDataPath(ClassNode node)
    {
        if (node.DataPath is not { } responder)
        {
            return;
        }
        lock (logGate)
        {
            dataPaths.Remove(responder.Name);
        }
        responder.Dispose();
        var counters = responder.Counters;
        Log($"{responder.Name}: TUN device removed after {counters.PacketsSeen} packets, {counters.EchoRequestsAnswered} echo requests answered, {counters.Malformed} malformed");
        if (responder.Failure is { } failure)
        {
            Log($"{responder.Name}: the TUN device's packet loop ended early: {failure.Message}");
        }
        node.DataPath = null;
    }
}
