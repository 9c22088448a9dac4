namespace WwanDaemon.Simulator.DataPath;

/// <summary>What the simulator's side of one TUN-backed interface has seen so far.</summary>
/// <param name="Interface">"wwan0".</param>
/// <param name="PacketsSeen">Every packet the host sent through the interface.</param>
/// <param name="EchoRequestsAnswered">Echo requests answered with an echo reply.</param>
/// <param name="Malformed">Truncated or garbage packets (ignored).</param>
/// <param name="Ignored">Well-formed packets nobody answers (not an echo request, no session, the host's own address).</param>
/// <param name="RepliesLost">Replies the kernel refused (the link went down between request and reply: EIO).</param>
public sealed record DataPathCounters(string Interface, long PacketsSeen, long EchoRequestsAnswered, long Malformed, long Ignored, long RepliesLost);
