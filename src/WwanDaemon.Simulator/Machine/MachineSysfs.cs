namespace WwanDaemon.Simulator.Machine;

/// <summary>
/// Small writes into the machine's sysfs tree, as the kernel lays it out: attribute files holding a
/// value and a newline, relative symbolic links (sysfs's links are relative, e.g. <c>device -> ../../</c>),
/// and each object's <c>uevent</c> file listing its KEY=value properties (drivers/base/core.c uevent_show).
/// </summary>
internal static class MachineSysfs
{
    public static void WriteAttribute(string directory, string name, string value) =>
        File.WriteAllText(Path.Combine(directory, name), value + "\n");

    /// <summary>A relative symbolic link at <paramref name="link"/> to <paramref name="target"/>, replacing a stale one.</summary>
    public static void Link(string link, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        if (new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link);
        }
        var relative = Path.GetRelativePath(Path.GetDirectoryName(link)!, target);
        File.CreateSymbolicLink(link, relative);
    }

    /// <summary>Removes a symbolic link if it is there.</summary>
    public static void Unlink(string link)
    {
        if (new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link);
        }
    }

    /// <summary>The object's <c>uevent</c> file: its properties one KEY=value a line.</summary>
    public static void WriteUeventFile(string directory, IReadOnlyDictionary<string, string> properties) =>
        File.WriteAllText(Path.Combine(directory, "uevent"), string.Concat(properties.Select(p => $"{p.Key}={p.Value}\n")));

    /// <summary>
    /// Deletes a directory tree that may hold links pointing out of it (driver, subsystem, device):
    /// links are unlinked first so the recursive delete can never reach into their targets.
    /// </summary>
    public static void DeleteTree(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        UnlinkLinksUnder(directory);
        Directory.Delete(directory, recursive: true);
    }

    private static void UnlinkLinksUnder(string directory)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                entry.Delete();
            }
            else if (entry is DirectoryInfo subdirectory)
            {
                UnlinkLinksUnder(subdirectory.FullName);
            }
        }
    }
}
