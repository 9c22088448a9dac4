using System.Runtime.InteropServices;

namespace WwanDaemon.Linux.Terminals;

internal static partial class LibC
{
    public const int EEXIST = 17;

    /// <summary>mkfifo(3): creates a named pipe with <paramref name="mode"/> (before the umask).</summary>
    [LibraryImport(Library, EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Mkfifo(string path, uint mode);
}
