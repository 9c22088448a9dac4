using System.Net;
using WwanDaemon.DBus.Client;
using WwanDaemon.Network.Dns;

namespace WwanDaemon.Network.Tests.Resolved;

/// <summary>
/// DNS through systemd-resolved's D-Bus API, against a real dbus-daemon and a stand-in resolved
/// (Debian's python3-dbus), with the daemon's own sd-bus client; and the fragment when resolved is absent.
/// </summary>
public sealed class ResolvedDnsConfiguratorTests : IDisposable
{
    private readonly PrivateBus bus = PrivateBus.Start();
    private readonly string state = Directory.CreateTempSubdirectory("wwan-dns-").FullName;

    public void Dispose()
    {
        bus.Dispose();
        Directory.Delete(state, recursive: true);
    }

    private ResolvedDnsConfigurator Configurator() =>
        new(() => SdBusClient.Connect(bus.Address), new ResolvConfFragmentDnsConfigurator(state));

    [Fact]
    public async Task ResolvedOnTheBus_SetLinkDnsWithFamilyAndBytes_ThenRevertLink_NoFragment()
    {
        using var resolved = FakeResolved.Start(bus.Address);
        var configurator = Configurator();

        await configurator.ApplyAsync("lo", [IPAddress.Parse("192.0.2.53"), IPAddress.Parse("2001:db8::53")], CancellationToken.None);
        var set = resolved.NextCall();
        await configurator.ClearAsync("lo", CancellationToken.None);
        var revert = resolved.NextCall();

        Assert.Equal("SetLinkDNS", set.GetProperty("member").GetString());
        Assert.Equal(1, set.GetProperty("ifindex").GetInt32()); // lo
        var addresses = set.GetProperty("addresses").EnumerateArray().Select(a => (a[0].GetInt32(), a[1].EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray())).ToArray();
        Assert.Equal(2, addresses[0].Item1);
        Assert.Equal(new byte[] { 192, 0, 2, 53 }, addresses[0].Item2);
        Assert.Equal(10, addresses[1].Item1);
        Assert.Equal(IPAddress.Parse("2001:db8::53").GetAddressBytes(), addresses[1].Item2);
        Assert.Equal("RevertLink", revert.GetProperty("member").GetString());
        Assert.Equal(1, revert.GetProperty("ifindex").GetInt32());
        Assert.False(Directory.Exists(Path.Combine(state, "resolv.conf.d")));
    }

    [Fact]
    public async Task NoResolvedOnTheBus_TheFragmentIsWritten()
    {
        var configurator = Configurator();

        await configurator.ApplyAsync("lo", [IPAddress.Parse("192.0.2.53")], CancellationToken.None);

        Assert.Contains("nameserver 192.0.2.53", await File.ReadAllTextAsync(Path.Combine(state, "resolv.conf.d", "lo.conf")), StringComparison.Ordinal);
        await configurator.ClearAsync("lo", CancellationToken.None);
        Assert.False(File.Exists(Path.Combine(state, "resolv.conf.d", "lo.conf")));
    }

    [Fact]
    public async Task NoBusAtAll_TheFragmentIsWritten()
    {
        var configurator = new ResolvedDnsConfigurator(() => SdBusClient.Connect("unix:path=/nonexistent/bus"), new ResolvConfFragmentDnsConfigurator(state));

        await configurator.ApplyAsync("lo", [IPAddress.Parse("192.0.2.54")], CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(state, "resolv.conf.d", "lo.conf")));
    }

    [Fact]
    public void SdBusClient_NameHasOwner_TellsTheBusDaemonItself()
    {
        using var client = SdBusClient.Connect(bus.Address);

        Assert.True(client.NameHasOwner("org.freedesktop.DBus"));
        Assert.False(client.NameHasOwner("org.freedesktop.resolve1"));
        var error = Assert.Throws<DBusException>(() => client.Call("org.freedesktop.resolve1", "/", "org.example.None", "Nothing"));
        Assert.Equal("org.freedesktop.DBus.Error.ServiceUnknown", error.ErrorName);
        Assert.Contains("org.freedesktop.resolve1 org.example.None.Nothing", error.Message, StringComparison.Ordinal);
    }
}
