namespace WwanDaemon.Network.Rtnetlink;

/// <summary>A netlink reply the codec cannot read: truncated, lengths that do not add up, or garbage.</summary>
public sealed class RtnetlinkProtocolException : Exception
{
    public RtnetlinkProtocolException(string message) : base(message) { }

    public RtnetlinkProtocolException() { }

    public RtnetlinkProtocolException(string message, Exception innerException) : base(message, innerException) { }
}
