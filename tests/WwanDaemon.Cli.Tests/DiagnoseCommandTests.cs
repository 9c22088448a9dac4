using System.Text.Json;
using WwanDaemon.Simulator.Sysfs;
using WwanDaemon.Usb.Text;

namespace WwanDaemon.Cli.Tests;

public class DiagnoseCommandTests
{
    private static string Seed(string prefix) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "seeds"), prefix + "*.txt").Single();

    [Fact]
    public void Json_Seed000_HasTheContractKeysAndAnswers()
    {
        var device = Assert.Single(Wwanctl.DiagnoseJson(Seed("seed-000")).EnumerateArray());

        Assert.Equal("1e0e", device.GetProperty("vid").GetString());
        Assert.Equal("9011", device.GetProperty("pid").GetString());
        Assert.Equal("SimTech, Incorporated", device.GetProperty("product").GetString());
        Assert.Equal(1, device.GetProperty("recommendedConfiguration").GetInt32());
        Assert.Equal("none", device.GetProperty("control").GetProperty("protocol").GetString());
        Assert.Equal(JsonValueKind.Null, device.GetProperty("control").GetProperty("interface").ValueKind);
        Assert.Equal("rndis_host", device.GetProperty("netDriver").GetString());
        Assert.Equal(4, device.GetProperty("atInterfaces")[0].GetInt32());
        var first = device.GetProperty("interfaces")[0];
        Assert.Equal((0, "rndis-control", "rndis_host"), (first.GetProperty("number").GetInt32(), first.GetProperty("role").GetString(), first.GetProperty("driver").GetString()));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("boundDriver").ValueKind);
        Assert.Contains(device.GetProperty("actions").EnumerateArray(), a => a.GetProperty("kind").GetString() == "at-mode-switch" && a.GetProperty("optIn").GetBoolean());
        Assert.Contains(device.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("interface association descriptor claims CDC ECM", StringComparison.Ordinal));
        Assert.Contains("ATTRS{idVendor}==\"1e0e\"", device.GetProperty("udevRule").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prefer-mbim", 3, "mbim", 0, "cdc_mbim")]
    [InlineData("prefer-qmi", 1, "qmi", 3, "qmi_wwan")]
    [InlineData("keep", 2, "none", null, "cdc_ether")]
    public void Json_Seed004_PolicyChoosesTheConfiguration(string policy, int configuration, string protocol, int? controlInterface, string netDriver)
    {
        var device = Assert.Single(Wwanctl.DiagnoseJson(Seed("seed-004"), "--policy", policy).EnumerateArray());

        Assert.Equal(configuration, device.GetProperty("recommendedConfiguration").GetInt32());
        Assert.Equal(protocol, device.GetProperty("control").GetProperty("protocol").GetString());
        var actual = device.GetProperty("control").GetProperty("interface");
        Assert.Equal(controlInterface, actual.ValueKind == JsonValueKind.Null ? null : actual.GetInt32());
        Assert.Equal(netDriver, device.GetProperty("netDriver").GetString());
    }

    [Fact]
    public void Text_Seed004_ExplainsInPlainWords()
    {
        var (exit, output, _) = Wwanctl.Run("diagnose", "--sample", "seed-004");

        Assert.Equal(0, exit);
        Assert.Contains("What it is", output, StringComparison.Ordinal);
        Assert.Contains("What is wrong", output, StringComparison.Ordinal);
        Assert.Contains("What to do", output, StringComparison.Ordinal);
        Assert.Contains("echo '3' | sudo tee /sys/bus/usb/devices/2-6/bConfigurationValue", output, StringComparison.Ordinal);
        Assert.Contains("/etc/udev/rules.d/", output, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardInput_ReadsTheDump()
    {
        var (exit, output, error) = Wwanctl.RunWithInput(File.ReadAllText(Seed("seed-002")), "diagnose", "-", "--json");

        Assert.True(exit == 0, error);
        Assert.Equal("qmi_wwan", JsonDocument.Parse(output).RootElement.GetProperty("devices")[0].GetProperty("netDriver").GetString());
    }

    [Fact]
    public void Sysfs_FakeTree_ReportsBoundDriversAndBusPath()
    {
        var root = Path.Combine(Path.GetTempPath(), "wwanctl-sysfs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var device = Assert.Single(UsbDumpReader.Read(File.ReadAllText(Seed("seed-004")), "seed-004"));
            new FakeSysfsTree(root).AddDevice(device, "3-2");

            var diagnosed = Assert.Single(Wwanctl.DiagnoseJson("--sysfs", root).EnumerateArray());

            Assert.Equal("3-2", diagnosed.GetProperty("busPath").GetString());
            Assert.Equal(2, diagnosed.GetProperty("activeConfiguration").GetInt32());
            Assert.Contains(diagnosed.GetProperty("actions").EnumerateArray(), a => a.GetProperty("path").GetString() == "/sys/bus/usb/devices/3-2/bConfigurationValue");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void MalformedDump_ExitsTwoNamingFileAndLine()
    {
        var file = Path.Combine(Path.GetTempPath(), "wwanctl-bad-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(file, "P:  Vendor=1e0e ProdID=9011 Rev= 3.18\nC:* #Ifs= 1 Cfg#= 1 Atr=a0 MxPwr=500mA\nI:* If#= ? Alt= 0 #EPs= 1 Cls=02(comm.) Sub=02 Prot=ff Driver=(none)\n");
        try
        {
            var (exit, output, error) = Wwanctl.Run("diagnose", file);

            Assert.Equal(2, exit);
            Assert.Empty(output);
            Assert.Contains(file + ", line 3", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "diagnose", "--policy", "keep" }, "--policy applies to a dump or --sysfs")]
    [InlineData(new[] { "diagnose", "x", "--policy", "fastest" }, "--policy takes prefer-mbim, prefer-qmi or keep")]
    [InlineData(new[] { "diagnose", "x", "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "diagnose", "/nonexistent/dump.txt" }, "cannot read /nonexistent/dump.txt")]
    [InlineData(new[] { "diagnose", "--sample", "seed-999" }, "no such sample")]
    [InlineData(new[] { "frob" }, "unknown command 'frob'")]
    public void BadArguments_ExitTwoWithAMessage(string[] args, string message)
    {
        var (exit, _, error) = Wwanctl.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ExplainsCommandsAndOptions()
    {
        Assert.Equal(0, Wwanctl.Run("--help").Exit);
        var (exit, output, _) = Wwanctl.Run("diagnose", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--policy POLICY", output, StringComparison.Ordinal);
        Assert.Contains("Exit status", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RealProcess_SampleJsonAndBadFile_ExitCodes()
    {
        var (exit, output, error) = Wwanctl.RunProcess("diagnose", "--sample", "seed-003", "--json");
        Assert.True(exit == 0, error);
        Assert.Equal("mbim", JsonDocument.Parse(output).RootElement.GetProperty("devices")[0].GetProperty("control").GetProperty("protocol").GetString());

        var bad = Wwanctl.RunProcess("diagnose", "/nonexistent/dump.txt");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("/nonexistent/dump.txt", bad.Error, StringComparison.Ordinal);
    }
}

public class DemoTests
{
    [Fact]
    public void Demo_SimulatedModemThroughFakeSysfs_PlansMbimWithQcserialUnbound()
    {
        var device = Assert.Single(Wwanctl.DiagnoseJson("--demo").EnumerateArray());

        Assert.Equal("03f0", device.GetProperty("vid").GetString());
        Assert.Equal("2-6", device.GetProperty("busPath").GetString());
        Assert.Equal(2, device.GetProperty("activeConfiguration").GetInt32());
        Assert.Equal(3, device.GetProperty("recommendedConfiguration").GetInt32());
        Assert.Contains(device.GetProperty("actions").EnumerateArray(), a => a.GetProperty("kind").GetString() == "unbind" && a.GetProperty("driver").GetString() == "qcserial");
    }

    [Fact]
    public void Demo_WithAnotherInput_IsRefused()
    {
        var (exit, _, error) = Wwanctl.Run("diagnose", "--demo", "dump.txt");

        Assert.Equal(2, exit);
        Assert.Contains("--demo reads its own simulated modem", error, StringComparison.Ordinal);
    }
}

public class ArgumentEdgeTests
{
    [Fact]
    public void FileAndSample_AreRefused()
    {
        var (exit, _, error) = Wwanctl.Run("diagnose", "dump.txt", "--sample", "seed-000");

        Assert.Equal(2, exit);
        Assert.Contains("one input only", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectoryAsFile_SaysItIsADirectory()
    {
        var (exit, _, error) = Wwanctl.Run("diagnose", Path.GetTempPath());

        Assert.Equal(2, exit);
        Assert.Contains("it is a directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_KeepsUdevQuotesReadable()
    {
        var (exit, output, _) = Wwanctl.Run("diagnose", "--sample", "seed-004", "--json");

        Assert.Equal(0, exit);
        Assert.Contains("ACTION==\\\"add\\\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", output, StringComparison.Ordinal);
    }
}
