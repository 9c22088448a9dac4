using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Tests;

/// <summary>
/// The pty DTR convention (see PseudoTerminal): B0 = DTR dropped, any other speed = raised, set by
/// the host on the slave and read by the simulator through the master.
/// </summary>
public class PseudoTerminalDtrTests
{
    [Fact]
    public void Open_NoHostYet_DtrIsLow()
    {
        using var terminal = PseudoTerminal.Open();

        Assert.Equal(0, terminal.HostLineSpeed);
        Assert.False(terminal.HostRaisedDtr);
    }

    [Fact]
    public void SerialPortOpen_RaisesDtrAsARealPortsOpenDoes()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);

        Assert.True(terminal.HostRaisedDtr);
        Assert.Equal(115200, terminal.HostLineSpeed);
    }

    [Fact]
    public void SetDataTerminalReady_OnPty_RoundTripsThroughTheMasterAndSaysItIsEmulated()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath, new SerialPortOptions { BaudRate = 460800 });

        Assert.Equal(ModemControlOutcome.EmulatedWithLineSpeed, port.SetDataTerminalReady(false));
        Assert.False(terminal.HostRaisedDtr);
        Assert.Equal(0, port.LineSpeed);

        Assert.Equal(ModemControlOutcome.EmulatedWithLineSpeed, port.SetDataTerminalReady(true));
        Assert.True(terminal.HostRaisedDtr);
        Assert.Equal(460800, terminal.HostLineSpeed);
    }

    [Fact]
    public void SerialPortDispose_DropsDtrAsHupclWould()
    {
        using var terminal = PseudoTerminal.Open();
        SerialPort.Open(terminal.SlavePath).Dispose();

        Assert.False(terminal.HostRaisedDtr);
    }

    [Fact]
    public async Task DtrDropped_BytesStillFlow()
    {
        // B0 is only a signal on a pty: the line discipline keeps passing data, so a simulated port
        // decides itself what "DTR low" means (e.g. not answering).
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);
        port.SetDataTerminalReady(false);

        await port.Stream.WriteAsync("AT\r"u8.ToArray());
        Assert.Equal("AT\r"u8.ToArray(), await SerialPortTests.ReadExactlyAsync(terminal.Master, 3));
        await terminal.Master.WriteAsync("OK"u8.ToArray());
        Assert.Equal("OK"u8.ToArray(), await SerialPortTests.ReadExactlyAsync(port.Stream, 2));
    }
}
