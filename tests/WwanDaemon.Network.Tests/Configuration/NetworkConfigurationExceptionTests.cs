using WwanDaemon.Network.Configuration;

namespace WwanDaemon.Network.Tests.Configuration;

public class NetworkConfigurationExceptionTests
{
    [Theory]
    [InlineData(1, "EPERM", "CAP_NET_ADMIN")]
    [InlineData(19, "ENODEV", "interface is gone")]
    [InlineData(17, "EEXIST", "IpConfiguration = report")]
    [InlineData(101, "ENETUNREACH", "prefix length")]
    [InlineData(200, "errno 200", "dmesg")]
    public void Message_Errno_NamesInterfaceOperationErrnoAndFix(int errno, string name, string fix)
    {
        var error = new NetworkConfigurationException("wwan0", "adding address 10.0.0.2/30", errno);

        Assert.StartsWith($"wwan0: adding address 10.0.0.2/30 failed: {name}", error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
        Assert.Equal(("wwan0", errno), (error.Interface, error.ErrorNumber));
    }

    [Fact]
    public void Message_WithKernelExplanation_Quoted()
    {
        var error = new NetworkConfigurationException("wwan0", "adding IPv4 default route via 10.0.0.9 metric 700", 22, "Nexthop has invalid gateway");

        Assert.StartsWith("wwan0: adding IPv4 default route via 10.0.0.9 metric 700 failed: EINVAL (22), the kernel says \"Nexthop has invalid gateway\": the kernel rejected", error.Message, StringComparison.Ordinal);
    }
}
