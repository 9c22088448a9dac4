using WwanDaemon.BusApi.Authorization;
using WwanDaemon.DBus.Server;

namespace WwanDaemon.BusApi.Tests.Authorization;

public sealed class UnixAccountsTests
{
    // Shaped like Debian's files: a primary group, a supplementary member list, comments, a malformed line.
    private const string Passwd = """
        root:x:0:0:root:/root:/bin/bash
        # a comment
        alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
        bob:x:1001:108::/home/bob:/bin/bash
        carol:x:1002:1002::/home/carol:/bin/bash
        broken-line-without-fields
        eve:x:notanumber:1003::/:/bin/sh
        nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
        """;

    private const string Group = """
        root:x:0:
        netdev:x:108:alice, dave
        alice:x:1000:
        plugdev:x:46:carol
        nogroup:x:65534:
        """;

    [Theory]
    [InlineData(1000u, "netdev", true)]  // listed as a member (with the blank after the comma trimmed)
    [InlineData(1001u, "netdev", true)]  // netdev is bob's primary group
    [InlineData(1002u, "netdev", false)] // carol is in plugdev only
    [InlineData(1002u, "plugdev", true)]
    [InlineData(65534u, "netdev", false)]
    [InlineData(4242u, "netdev", false)] // a uid passwd does not know
    [InlineData(1000u, "wheel", false)]  // a group group(5) does not know
    public void IsMember_PrimaryGroupOrMemberList_Decides(uint uid, string group, bool expected)
    {
        var accounts = UnixAccounts.Parse(Passwd, Group);

        Assert.Equal(expected, accounts.IsMember(uid, group));
    }

    [Fact]
    public void UserName_KnownAndUnknownUids_NameOrNull()
    {
        var accounts = UnixAccounts.Parse(Passwd, Group);

        Assert.Equal("alice", accounts.UserName(1000));
        Assert.Null(accounts.UserName(4242));
    }

    [Fact]
    public void Read_FilesAtGivenPaths_ParsesThem()
    {
        var directory = Directory.CreateTempSubdirectory("wwan-accounts-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "passwd"), Passwd);
            File.WriteAllText(Path.Combine(directory, "group"), Group);

            var accounts = UnixAccounts.Read(Path.Combine(directory, "passwd"), Path.Combine(directory, "group"));

            Assert.True(accounts.IsMember(1001, "netdev"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Require_RootAndGroupMembers_AreLetThrough()
    {
        var authorizer = new ControlAuthorizer("netdev", () => UnixAccounts.Parse(Passwd, Group));

        authorizer.Require(new DBusCaller(":1.1", 0, 1), "Simple.Connect");
        authorizer.Require(new DBusCaller(":1.2", 1000, 2), "Simple.Connect");
    }

    [Fact]
    public void Require_OutsideTheGroup_UnauthorizedNamingUserGroupAndFix()
    {
        var authorizer = new ControlAuthorizer("netdev", () => UnixAccounts.Parse(Passwd, Group));

        var refused = Assert.Throws<DBusErrorException>(() => authorizer.Require(new DBusCaller(":1.3", 1002, 3), "org.freedesktop.ModemManager1.Modem.Simple.Connect"));

        Assert.Equal("org.freedesktop.ModemManager1.Error.Core.Unauthorized", refused.ErrorName);
        Assert.Contains("carol (uid 1002)", refused.Message);
        Assert.Contains("add the user to group netdev", refused.Message);
        Assert.Contains("Simple.Connect", refused.Message);
    }

    [Fact]
    public void Require_UnknownUidOrUnreadableFiles_Unauthorized()
    {
        var unreadable = new ControlAuthorizer("netdev", () => throw new FileNotFoundException("/etc/group is missing"));

        var unknown = Assert.Throws<DBusErrorException>(() => unreadable.Require(new DBusCaller(":1.4", 1000, 4), "Enable"));
        var anonymous = Assert.Throws<DBusErrorException>(() => unreadable.Require(new DBusCaller(":1.5", null, null), "Enable"));

        Assert.Equal("org.freedesktop.ModemManager1.Error.Core.Unauthorized", unknown.ErrorName);
        Assert.Contains("/etc/group is missing", unknown.Message);
        Assert.Equal("org.freedesktop.ModemManager1.Error.Core.Unauthorized", anonymous.ErrorName);
    }
}
