namespace WwanDaemon.Systemd.Notify;

/// <summary>
/// The sd_notify(3) assignments the daemon sends. One datagram holds newline-separated
/// VARIABLE=VALUE lines, so a status text must stay on one line.
/// </summary>
public static class NotifyMessages
{
    public const string Ready = "READY=1";
    public const string Stopping = "STOPPING=1";
    public const string Watchdog = "WATCHDOG=1";

    /// <summary>"STATUS=2 modems: 1 connected, 1 searching"; line breaks become spaces.</summary>
    public static string Status(string text) =>
        "STATUS=" + text.ReplaceLineEndings(" ").Trim();
}
