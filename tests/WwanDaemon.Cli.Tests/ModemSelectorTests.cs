using WwanDaemon.Cli.Commands;
using WwanDaemon.Cli.Live;

namespace WwanDaemon.Cli.Tests;

/// <summary>MODEM: optional with one modem; index, Id (USB bus path) or object path; otherwise exit 2 listing them.</summary>
public sealed class ModemSelectorTests
{
    private static readonly ModemView First = ModemViewFixtures.Modem("/org/freedesktop/ModemManager1/Modem/0", "1-6");
    private static readonly ModemView Second = ModemViewFixtures.Modem("/org/freedesktop/ModemManager1/Modem/3", "2-1.4");

    [Theory]
    [InlineData("0", "1-6")]
    [InlineData("3", "2-1.4")]
    [InlineData("2-1.4", "2-1.4")]
    [InlineData("1-6", "1-6")]
    [InlineData("/org/freedesktop/ModemManager1/Modem/3", "2-1.4")]
    public void Select_ByIndexIdOrPath_ThatModem(string selector, string id)
    {
        var (modem, error) = ModemSelector.Select([First, Second], selector);

        Assert.Null(error);
        Assert.Equal(id, modem!.Id);
    }

    [Fact]
    public void Select_NoneGivenOneModem_ThatModem()
    {
        Assert.Same(First, ModemSelector.Select([First], null).Modem);
    }

    [Fact]
    public void Select_NoneGivenTwoModems_ExitTwoListingThem()
    {
        var (modem, error) = ModemSelector.Select([First, Second], null);

        Assert.Null(modem);
        Assert.Equal(ExitCodes.Usage, error!.ExitCode);
        Assert.Contains("2 modems: name one", error.Message, StringComparison.Ordinal);
        Assert.Contains("1-6", error.Message, StringComparison.Ordinal);
        Assert.Contains("/org/freedesktop/ModemManager1/Modem/3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_Unknown_ExitTwoListingTheModems()
    {
        var (_, error) = ModemSelector.Select([First, Second], "7");

        Assert.Equal(ExitCodes.Usage, error!.ExitCode);
        Assert.Contains("no modem '7'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2-1.4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NoModemsAtAll_ExitOne()
    {
        var (_, error) = ModemSelector.Select([], null);

        Assert.Equal(ExitCodes.Failure, error!.ExitCode);
        Assert.Contains("no modem", error.Message, StringComparison.Ordinal);
    }
}
