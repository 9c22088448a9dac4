using WwanDaemon.Tests;
using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Tests;

/// <summary>
/// TIOCEXCL as Linux implements it (drivers/tty/tty_io.c, tty_reopen): once set, open() of the tty
/// fails with EBUSY unless the opener has CAP_SYS_ADMIN. So as root a second open succeeds; the
/// tests check the flag (TIOCGEXCL), the refusal on a thread without CAP_SYS_ADMIN, and that a
/// CAP_SYS_ADMIN opener gets through.
/// </summary>
public class SerialPortExclusiveTests
{
    [Fact]
    public void Open_Exclusive_SetsTheExclusiveFlag()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);

        Assert.True(port.ReadExclusiveFlag());
    }

    [Fact]
    public void Open_SecondOpenerWithoutSysAdmin_RefusedNamingTheDevice()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath);

        var error = ThreadCapabilities.RunWithout(ThreadCapabilities.SysAdmin, () => Record.Exception(() => SerialPort.Open(terminal.SlavePath).Dispose()));

        var busy = Assert.IsType<SerialPortBusyException>(error);
        Assert.StartsWith($"{terminal.SlavePath} is held exclusively (TIOCEXCL) by another process", busy.Message);
        Assert.Contains($"fuser -v {terminal.SlavePath}", busy.Message);
    }

    [Fact]
    public void Open_SecondOpener_LetThroughOnlyWithSysAdmin()
    {
        using var terminal = PseudoTerminal.Open();
        using var first = SerialPort.Open(terminal.SlavePath);

        // Not our choice: the kernel exempts CAP_SYS_ADMIN from TIOCEXCL. Exclusivity protects us from
        // unprivileged programs only; a root ModemManager can still open the port.
        var error = Record.Exception(() => SerialPort.Open(terminal.SlavePath, new SerialPortOptions { Exclusive = false }).Dispose());
        if (ThreadCapabilities.ProcessHas(ThreadCapabilities.SysAdmin))
        {
            Assert.Null(error);
        }
        else
        {
            Assert.IsType<SerialPortBusyException>(error);
        }
    }

    [Fact]
    public void Dispose_GivesUpTheExclusiveHold()
    {
        // The simulator keeps the pty slave open, so the flag would outlive our close without TIOCNXCL.
        using var terminal = PseudoTerminal.Open();
        SerialPort.Open(terminal.SlavePath).Dispose();

        var reopened = ThreadCapabilities.RunWithout(ThreadCapabilities.SysAdmin, () =>
        {
            using var port = SerialPort.Open(terminal.SlavePath);
            return port.Path;
        });
        Assert.Equal(terminal.SlavePath, reopened);
    }

    [Fact]
    public void Open_NotExclusive_LeavesTheFlagClear()
    {
        using var terminal = PseudoTerminal.Open();
        using var port = SerialPort.Open(terminal.SlavePath, new SerialPortOptions { Exclusive = false });

        Assert.False(port.ReadExclusiveFlag());
    }
}
