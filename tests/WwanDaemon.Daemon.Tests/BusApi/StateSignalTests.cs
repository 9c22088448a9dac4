using System.Threading.Channels;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>Every state change of the real daemon's modem is announced: Modem.StateChanged(old, new, reason) in order, and PropertiesChanged for State.</summary>
public sealed class StateSignalTests(DefaultScenarioDaemon daemon) : IClassFixture<DefaultScenarioDaemon>
{
    private const string Modem = "/org/freedesktop/ModemManager1/Modem/0";

    [Fact]
    public async Task Disconnect_AnnouncesConnectedToDisconnectingToRegistered()
    {
        await Mmcli.WaitForStateAsync(daemon.Address, "0", "connected", SimulatedDaemonOnBus.Patience);
        using var listener = BusConnection.Connect(daemon.Address);
        var signals = Channel.CreateUnbounded<DBusSignalMessage>();
        using var match = await listener.AddMatchAsync($"type='signal',path='{Modem}'", signal => signals.Writer.TryWrite(signal));

        Mmcli.Succeed(daemon.Address, "-m", "0", "--simple-disconnect");
        await Mmcli.WaitForStateAsync(daemon.Address, "0", "registered", SimulatedDaemonOnBus.Patience);

        var transitions = new List<(int Old, int New)>();
        var stateProperty = new List<DBusValue>();
        using var enough = new CancellationTokenSource(SimulatedDaemonOnBus.Patience);
        while (!transitions.Contains((9, 8)) || !stateProperty.Contains(DBusValue.Int32(8)))
        {
            var signal = await signals.Reader.ReadAsync(enough.Token);
            if (signal.Member == "StateChanged")
            {
                transitions.Add((((Int32Value)signal.Arguments[0]).Value, ((Int32Value)signal.Arguments[1]).Value));
            }
            else if (signal.Member == "PropertiesChanged" && signal.Arguments[0] == DBusValue.String("org.freedesktop.ModemManager1.Modem"))
            {
                stateProperty.AddRange(((ArrayValue)signal.Arguments[1]).Items.Cast<DictEntryValue>()
                    .Where(e => e.Key == DBusValue.String("State")).Select(e => ((VariantValue)e.Value).Value));
            }
        }

        Assert.Equal([(11, 9), (9, 8)], transitions); // connected → disconnecting → registered (MMModemState numbers)
        Assert.Contains(DBusValue.Int32(8), stateProperty);
    }
}
