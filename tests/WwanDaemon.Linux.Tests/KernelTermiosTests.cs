using System.Runtime.InteropServices;
using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Tests;

/// <summary>The struct termios2 layout and speed codes against asm-generic/termbits.h.</summary>
public class KernelTermiosTests
{
    [Fact]
    public void Layout_MatchesTheKernelsTermios2()
    {
        // TCGETS2 = _IOR('T', 0x2A, struct termios2) encodes the size: bits 16..29 = 44.
        Assert.Equal(44, Marshal.SizeOf<KernelTermios>());
        Assert.Equal(44u, (uint)(TerminalIoctl.TCGETS2 >> 16) & 0x3FFF);
        Assert.Equal(44u, (uint)(TerminalIoctl.TCSETS2 >> 16) & 0x3FFF);
        Assert.Equal(17, (int)Marshal.OffsetOf<KernelTermios>(nameof(KernelTermios.ControlCharacters)));
        Assert.Equal(36, (int)Marshal.OffsetOf<KernelTermios>(nameof(KernelTermios.InputSpeed)));
        Assert.Equal(40, (int)Marshal.OffsetOf<KernelTermios>(nameof(KernelTermios.OutputSpeed)));
    }

    [Theory]
    [InlineData(0, 0x0)]            // B0
    [InlineData(9600, 0xD)]         // B9600    0000015
    [InlineData(38400, 0xF)]        // B38400   0000017
    [InlineData(57600, 0x1001)]     // B57600   0010001
    [InlineData(115200, 0x1002)]    // B115200  0010002
    [InlineData(4000000, 0x100F)]   // B4000000 0010017
    [InlineData(250000, 0x1000)]    // BOTHER: no code, the rate goes in c_ospeed
    public void LineSpeed_Apply_UsesTheHeadersCodeAndReadsBack(int rate, uint code)
    {
        var termios = new KernelTermios { ControlFlags = KernelTermios.CS8 | KernelTermios.CLOCAL | 0x00F0000 /* a stale CIBAUD */ };

        LineSpeed.Apply(ref termios, rate);

        Assert.Equal(code, termios.ControlFlags & KernelTermios.CBAUD);
        Assert.Equal(0u, termios.ControlFlags & KernelTermios.CIBAUD);
        Assert.Equal(KernelTermios.CS8 | KernelTermios.CLOCAL, termios.ControlFlags & ~KernelTermios.CBAUD);
        Assert.Equal(rate, LineSpeed.Read(termios));
    }

    [Fact]
    public void MakeRaw_ClearsWhatCfmakerawClears()
    {
        var termios = new KernelTermios
        {
            InputFlags = KernelTermios.ICRNL | KernelTermios.IXON | KernelTermios.ISTRIP | KernelTermios.INLCR,
            OutputFlags = KernelTermios.OPOST,
            ControlFlags = KernelTermios.PARENB | KernelTermios.HUPCL,
            LocalFlags = KernelTermios.ECHO | KernelTermios.ICANON | KernelTermios.ISIG | KernelTermios.IEXTEN | KernelTermios.ECHONL,
        };

        termios.MakeRaw();

        Assert.Equal(0u, termios.InputFlags);
        Assert.Equal(0u, termios.OutputFlags);
        Assert.Equal(0u, termios.LocalFlags);
        Assert.Equal(KernelTermios.CS8 | KernelTermios.HUPCL, termios.ControlFlags);
        Assert.Equal(1, termios.ControlCharacter(KernelTermios.VMIN));
        Assert.Equal(0, termios.ControlCharacter(KernelTermios.VTIME));
    }
}
