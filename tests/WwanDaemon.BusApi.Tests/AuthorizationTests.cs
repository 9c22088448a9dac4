using WwanDaemon.BusApi;
using WwanDaemon.BusApi.Authorization;
using WwanDaemon.DBus.Server;

namespace WwanDaemon.BusApi.Tests;

public sealed class AuthorizationTests
{
    private const string Passwd = """
        root:x:0:0:root:/root:/bin/bash
        alice:x:1000:1000::/home/alice:/bin/bash
        bob:x:1001:1001::/home/bob:/bin/bash
        carol:x:1002:108::/home/carol:/bin/bash
        broken line
        """;

    private const string Group = """
        root:x:0:
        netdev:x:108:alice,dave
        alice:x:1000:
        bob:x:1001:
        """;

    private static readonly UnixAccounts Accounts = UnixAccounts.Parse(Passwd, Group);

    [Theory]
    [InlineData(1000u, true)]  // listed as a member
    [InlineData(1002u, true)]  // netdev is her primary group
    [InlineData(1001u, false)]
    [InlineData(4242u, false)] // no such user
    public void IsMember_ByMemberListOrPrimaryGroup(uint uid, bool expected) => Assert.Equal(expected, Accounts.IsMember(uid, "netdev"));

    [Fact]
    public void Require_RootAndMembers_AreAllowed()
    {
        var authorizer = new ControlAuthorizer("netdev", () => Accounts);

        authorizer.Require(new DBusCaller(":1.1", 0, 1), "Simple.Connect");
        authorizer.Require(new DBusCaller(":1.2", 1000, 2), "Simple.Connect");
    }

    [Fact]
    public void Require_Others_AreUnauthorizedWithTheFix()
    {
        var authorizer = new ControlAuthorizer("netdev", () => Accounts);

        var error = Assert.Throws<DBusErrorException>(() => authorizer.Require(new DBusCaller(":1.3", 1001, 3), "Simple.Connect"));

        Assert.Equal(ModemManagerErrors.Unauthorized, error.ErrorName);
        Assert.Contains("bob (uid 1001)", error.Message);
        Assert.Contains("usermod -aG netdev", error.Message);
    }

    [Fact]
    public void Require_CallerTheBusCouldNotName_IsUnauthorized()
    {
        var authorizer = new ControlAuthorizer("netdev", () => Accounts);

        var error = Assert.Throws<DBusErrorException>(() => authorizer.Require(new DBusCaller(":1.4", null, null), "Sim.SendPin"));

        Assert.Equal(ModemManagerErrors.Unauthorized, error.ErrorName);
    }
}
