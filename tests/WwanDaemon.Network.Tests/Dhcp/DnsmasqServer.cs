using System.Diagnostics;
using WwanDaemon.Network.Tests.Namespaces;

namespace WwanDaemon.Network.Tests.Dhcp;

/// <summary>
/// Debian's dnsmasq (package dnsmasq-base) as the DHCP server of a test, inside a namespace, in the
/// foreground, DNS off (--port=0), no config files, one address in its pool. Killed on Dispose.
/// </summary>
internal sealed class DnsmasqServer : IDisposable
{
    private readonly Process process;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("wwan-dnsmasq-");

    public DnsmasqServer(TestNetworkNamespace space, string networkInterface, string address, string router, string dns, int mtu)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "netns", "exec", space.Name, "dnsmasq",
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--port=0",
            "--user=root", "--group=root", "--log-facility=-",
            $"--pid-file={Path.Combine(work.FullName, "pid")}",
            $"--dhcp-leasefile={Path.Combine(work.FullName, "leases")}",
            $"--interface={networkInterface}", "--bind-interfaces", "--dhcp-authoritative",
            $"--dhcp-range={address},{address},255.255.255.0,1h",
            $"--dhcp-option=option:router,{router}",
            $"--dhcp-option=option:dns-server,{dns}",
            $"--dhcp-option=option:mtu,{mtu}",
        })
        {
            start.ArgumentList.Add(argument);
        }
        process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        work.Delete(recursive: true);
    }
}
