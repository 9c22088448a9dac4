namespace WwanDaemon.Network.Tests.Namespaces;

/// <summary>A test that creates network namespaces, TUN and veth devices: skipped, with the reason, unless the process runs as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: creates its own network namespace (ip netns add), TUN/veth devices and configures them (CAP_SYS_ADMIN + CAP_NET_ADMIN)";
        }
    }
}
