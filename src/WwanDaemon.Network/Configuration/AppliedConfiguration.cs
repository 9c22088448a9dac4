using WwanDaemon.Network.Rtnetlink;

namespace WwanDaemon.Network.Configuration;

/// <summary>
/// What the configurator changed on one interface, so that clearing undoes exactly that: addresses
/// and routes it added (not ones that were already there), the MTU it replaced, whether it raised the link.
/// </summary>
internal sealed class AppliedConfiguration(int interfaceIndex)
{
    public int InterfaceIndex { get; } = interfaceIndex;
    public List<InterfaceAddress> Addresses { get; } = [];
    public List<RouteEntry> Routes { get; } = [];
    public int? PreviousMtu { get; set; }
    public bool RaisedLink { get; set; }
    public bool WroteDns { get; set; }
}
