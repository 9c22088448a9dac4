using WwanDaemon.Modem.ConnectionProfiles;

namespace WwanDaemon.Modem.Tests.ConnectionProfiles;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProfileStoreTests : IDisposable
{
    private readonly string state = Directory.CreateTempSubdirectory("wwan-profiles-").FullName;

    public void Dispose() => Directory.Delete(state, recursive: true);

    [Fact]
    public void Save_ThenOpen_GivesTheSameProfiles_InAnOwnerOnlyFile()
    {
        var store = ProfileStore.Open(state);
        var work = new ConnectionProfile { Name = "work", Apn = "corp.example", IpType = IpFamily.Ipv4v6, Authentication = ApnAuthentication.Chap, User = "u", Password = "p", Pin = "1234", Imei = "490154203237518" };
        store.Save(new ConnectionProfile());
        store.Save(work);

        var reopened = ProfileStore.Open(state);

        Assert.Equal([new ConnectionProfile(), work], reopened.All);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        Assert.Equal(["profiles.json"], Directory.GetFiles(state).Select(Path.GetFileName));
        Assert.Contains("\"ipType\": \"ipv4v6\"", File.ReadAllText(store.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void Match_PrefersImei_ThenIccid_ThenTheDefault()
    {
        var store = ProfileStore.Open(state);
        store.Save(new ConnectionProfile { Name = "default", Apn = "internet" });
        store.Save(new ConnectionProfile { Name = "by-sim", Apn = "sim.example", Iccid = "8901410321111851072" });
        store.Save(new ConnectionProfile { Name = "by-modem", Apn = "modem.example", Imei = "490154203237518" });

        Assert.Equal("by-modem", store.Match("490154203237518", "89014103211118510720")!.Name);
        Assert.Equal("by-sim", store.Match("356938035643809", "89014103211118510720")!.Name);
        Assert.Equal("default", store.Match("356938035643809", "89330000000000000000")!.Name);
        Assert.Null(ProfileStore.Open(Directory.CreateTempSubdirectory().FullName).Match(null, null));
    }

    [Theory]
    [InlineData("internet\"\r\nAT+CFUN=0", "apn")]
    [InlineData("-bad.example", "apn")]
    [InlineData("a..b", "apn")]
    public void Save_InvalidApn_IsRefusedNamingTheField_AndNothingChanges(string apn, string field)
    {
        var store = ProfileStore.Open(state);
        store.Save(new ConnectionProfile { Apn = "internet" });
        var before = File.ReadAllText(store.FilePath);

        var error = Assert.Throws<ProfileStoreException>(() => store.Save(new ConnectionProfile { Apn = apn }));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(store.FilePath));
        Assert.Equal("internet", Assert.Single(store.All).Apn);
    }

    [Theory]
    [InlineData("12a4")]
    [InlineData("123")]
    [InlineData("123456789")]
    [InlineData("1234\r")]
    public void Save_InvalidPin_IsRefused(string pin)
    {
        var store = ProfileStore.Open(state);

        var error = Assert.Throws<ProfileStoreException>(() => store.Save(new ConnectionProfile { Pin = pin }));

        Assert.Contains("pin: a SIM PIN is 4 to 8 digits", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.All);
        Assert.False(File.Exists(store.FilePath));
    }

    [Fact]
    public void Open_MalformedFile_NamesTheFileAndTheFix()
    {
        File.WriteAllText(Path.Combine(state, "profiles.json"), "[{\"name\": \"x\", \"apn\": ");

        var error = Assert.Throws<ProfileStoreException>(() => ProfileStore.Open(state));

        Assert.Contains(Path.Combine(state, "profiles.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("move it away", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownKeyOrInvalidProfile_IsRefused()
    {
        File.WriteAllText(Path.Combine(state, "profiles.json"), "[{\"name\": \"x\", \"apm\": \"typo\"}]");
        Assert.Contains("apm", Assert.Throws<ProfileStoreException>(() => ProfileStore.Open(state)).Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(state, "profiles.json"), "[{\"name\": \"x\", \"apn\": \"internet\", \"pin\": \"12\"}]");
        Assert.Contains("profile 'x' is invalid: pin", Assert.Throws<ProfileStoreException>(() => ProfileStore.Open(state)).Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(state, "profiles.json"), "[{\"name\": \"x\"}]");
        Assert.Contains("apn: missing", Assert.Throws<ProfileStoreException>(() => ProfileStore.Open(state)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_DeletesByName()
    {
        var store = ProfileStore.Open(state);
        store.Save(new ConnectionProfile { Name = "a" });
        store.Save(new ConnectionProfile { Name = "b" });

        Assert.True(store.Remove("a"));
        Assert.False(store.Remove("a"));
        Assert.Equal("b", Assert.Single(ProfileStore.Open(state).All).Name);
    }
}
