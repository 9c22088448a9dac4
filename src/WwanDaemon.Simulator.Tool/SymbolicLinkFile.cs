namespace WwanDaemon.Simulator.Tool;

/// <summary>The <c>--link</c> path: a symbolic link wwan-sim may replace, but never a file someone else made.</summary>
internal static class SymbolicLinkFile
{
    /// <summary>Why <paramref name="path"/> must not be replaced, or null when it is free or already a link.</summary>
    public static string? RefusalToReplace(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return null;
        }
        if (Directory.Exists(path))
        {
            return $"{path} is a directory; give --link a path for the link itself, e.g. {Path.Combine(path, "modem")}.";
        }
        return info.Exists
            ? $"{path} exists and is not a symbolic link; refusing to overwrite it. Remove it or choose another --link path."
            : null;
    }

    /// <summary>Points <paramref name="path"/> at <paramref name="target"/>, replacing an earlier link (a stale one from a killed run, typically).</summary>
    public static void Replace(string path, string target)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>Removes the link unless someone has since pointed it elsewhere (another wwan-sim, say).</summary>
    public static void RemoveIfPointingTo(string path, string target)
    {
        if (new FileInfo(path).LinkTarget == target)
        {
            File.Delete(path);
        }
    }
}
