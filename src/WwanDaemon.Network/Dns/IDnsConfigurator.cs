using System.Net;

namespace WwanDaemon.Network.Dns;

/// <summary>
/// Where a session's name servers go. Today: <see cref="ResolvConfFragmentDnsConfigurator"/>. The seam
/// for systemd-resolved (org.freedesktop.resolve1.Manager SetLinkDNS / RevertLink over D-Bus) is this
/// interface: that implementation needs the sd-bus transport, which is a later issue.
/// </summary>
public interface IDnsConfigurator
{
    Task ApplyAsync(string networkInterface, IReadOnlyList<IPAddress> servers, CancellationToken cancellationToken);

    /// <summary>Takes the interface's servers away again; no error when none were applied.</summary>
    Task ClearAsync(string networkInterface, CancellationToken cancellationToken);
}
