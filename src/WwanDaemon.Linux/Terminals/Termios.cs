using System.Runtime.InteropServices;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// glibc's <c>struct termios</c> (sysdeps/unix/sysv/linux/bits/termios-struct.h), the layout on
/// x86_64 and aarch64 (musl uses the same one); 60 bytes:
/// <code>
/// offset  0  c_iflag   uint     input modes
/// offset  4  c_oflag   uint     output modes
/// offset  8  c_cflag   uint     control modes
/// offset 12  c_lflag   uint     local modes
/// offset 16  c_line    byte     line discipline
/// offset 17  c_cc[32]  byte     control characters (NCCS = 32)
/// offset 49  (3 bytes padding to align the speeds)
/// offset 52  c_ispeed  uint
/// offset 56  c_ospeed  uint
/// </code>
/// The kernel's own struct is shorter (NCCS 19); glibc translates, so this must match glibc, not the kernel.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios
{
    public uint InputFlags;
    public uint OutputFlags;
    public uint ControlFlags;
    public uint LocalFlags;
    public byte Line;
    public fixed byte ControlCharacters[32];
    public uint InputSpeed;
    public uint OutputSpeed;
}
