using WwanDaemon.Composition.Planning;
using WwanDaemon.Daemon.Udev;

namespace WwanDaemon.Daemon.Tests;

public class SwitchRulesFileTests
{
    [Fact]
    public void CommittedSwitchRules_EqualWhatTheGeneratorWrites()
    {
        var committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "udev", "78-wwan-daemon-switch.rules"));

        // On failure: dotnet src/WwanDaemon.Daemon/bin/Release/net10.0/wwan-daemon.dll --udev-rules > udev/78-wwan-daemon-switch.rules
        Assert.Equal(SwitchRulesGenerator.Generate(CompositionPolicy.PreferMbim), committed);
    }

    [Fact]
    public void SwitchRules_PreferQmi_SelectsTheDw5570QmiConfiguration()
    {
        var rules = SwitchRulesGenerator.Generate(CompositionPolicy.PreferQmi);

        Assert.Contains("ATTR{idVendor}==\"413c\", ATTR{idProduct}==\"81a3\", ATTR{bConfigurationValue}!=\"1\", ATTR{bConfigurationValue}=\"1\"", rules, StringComparison.Ordinal);
        Assert.DoesNotContain("/bind", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void SwitchRules_Keep_NoRules()
    {
        Assert.DoesNotContain("ACTION==", SwitchRulesGenerator.Generate(CompositionPolicy.Keep), StringComparison.Ordinal);
    }
}
