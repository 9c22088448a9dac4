using System.Net;
using WwanDaemon.Network.Dns;

namespace WwanDaemon.Network.Tests.Dns;

public sealed class ResolvConfFragmentDnsConfiguratorTests : IDisposable
{
    private readonly DirectoryInfo state = Directory.CreateTempSubdirectory("wwan-state-");

    public void Dispose() => state.Delete(recursive: true);

    [Fact]
    public async Task Apply_TwoServers_FragmentWithNameserverLines()
    {
        var dns = new ResolvConfFragmentDnsConfigurator(state.FullName);

        await dns.ApplyAsync("wwan0", [IPAddress.Parse("192.0.2.53"), IPAddress.Parse("2001:db8::53")], CancellationToken.None);

        var path = Path.Combine(state.FullName, "resolv.conf.d", "wwan0.conf");
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("# wwan0:", lines[0], StringComparison.Ordinal);
        Assert.Equal(["nameserver 192.0.2.53", "nameserver 2001:db8::53"], lines[1..]);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary left behind
    }

    [Fact]
    public async Task Apply_Again_ReplacesAndClearRemoves()
    {
        var dns = new ResolvConfFragmentDnsConfigurator(state.FullName);
        await dns.ApplyAsync("wwan0", [IPAddress.Parse("192.0.2.53")], CancellationToken.None);
        await dns.ApplyAsync("wwan0", [IPAddress.Parse("198.51.100.53")], CancellationToken.None);

        Assert.Contains("nameserver 198.51.100.53", File.ReadAllText(dns.FragmentPath("wwan0")), StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.53", File.ReadAllText(dns.FragmentPath("wwan0")), StringComparison.Ordinal);

        await dns.ClearAsync("wwan0", CancellationToken.None);
        await dns.ClearAsync("wwan0", CancellationToken.None); // nothing there: no error
        Assert.False(File.Exists(dns.FragmentPath("wwan0")));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("averyveryverylongname")]
    public void FragmentPath_NotAnInterfaceName_Rejected(string name)
    {
        Assert.Throws<ArgumentException>(() => new ResolvConfFragmentDnsConfigurator(state.FullName).FragmentPath(name));
    }
}
