using WwanDaemon.Composition.Diagnosis;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Usb.Text;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Composition.Tests;

/// <summary>usb_choose_configuration (drivers/usb/core/generic.c), as the planner predicts it.</summary>
public class KernelConfigurationChoiceTests
{
    private static int Predict(params string[] firstInterfaceClasses)
    {
        var text = "P:  Vendor=1234 ProdID=5678 Rev= 1.00\n" + string.Concat(firstInterfaceClasses.Select((triple, index) =>
        {
            var codes = triple.Split('/');
            return $"C:  #Ifs= 1 Cfg#= {index + 1} Atr=a0 MxPwr=500mA\nI:  If#= 0 Alt= 0 #EPs= 0 Cls={codes[0]} Sub={codes[1]} Prot={codes[2]}\n";
        }));
        return KernelConfigurationChoice.Predict(Assert.Single(DevicesFileReader.Read(text, "test")) with { ActiveConfiguration = null });
    }

    [Theory]
    [InlineData(2, "ff/ff/ff", "02/06/00", "02/0e/00")] // seed 004: "a preference for proper classes"
    [InlineData(2, "ff/ff/ff", "e0/01/03")] // a class configuration after a vendor one wins, even RNDIS at index 1
    [InlineData(2, "02/02/ff", "02/0e/00")] // RNDIS first is only a fallback
    [InlineData(1, "02/02/ff", "ff/ff/ff")] // ... which stays when the rest is vendor-specific
    [InlineData(1, "ff/ff/ff", "ff/00/00")] // all vendor-specific: the first
    [InlineData(1, "01/01/00", "02/0e/00")] // audio first wins at once
    public void FirstInterfaceClasses_PickTheKernelsConfiguration(int expected, params string[] classes)
    {
        Assert.Equal(expected, Predict(classes));
    }

    [Fact]
    public void Seed001Lsusb_KeepPolicy_AssumesTheKernelsMbimChoice()
    {
        var text = File.ReadAllText(Directory.GetFiles(Fixtures.Path("seeds"), "seed-001*.txt").Single());

        var plan = Diagnoser.FromText(text, "seed-001", CompositionPolicy.Keep, KnowledgeBaseData.Embedded).Single().Plan;

        Assert.Equal(2, plan.RecommendedConfiguration);
        Assert.Equal(ControlProtocol.Mbim, plan.Control.Protocol);
    }
}
