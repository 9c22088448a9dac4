using System.Diagnostics;
using static WwanDaemon.Linux.Tests.WwanSimProcess;

namespace WwanDaemon.Linux.Tests;

/// <summary>wwan-sim as a real process: the ready line, the link, SIGTERM and the clean-up.</summary>
public class WwanSimProcessTests
{
    /// <summary>The contract end to end: wwan-sim serves QMI on its link and the real qmicli reads the profile.</summary>
    [Fact]
    public async Task Port_Qmi_QmicliReadsTheProfileThroughTheLink()
    {
        using var directory = new TemporaryDirectory();
        var link = Path.Combine(directory.Path, "cdc-wdm-sim");
        using var process = Start("port", "--protocol", "qmi", "--link", link, "--profile", "pin-locked");
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(ProcessTimeout);
            Assert.StartsWith($"ready {link} /dev/pts/", ready, StringComparison.Ordinal);

            var status = await Tool("qmicli", "-d", link, "--device-open-qmi", "--dms-uim-get-pin-status");

            Assert.Equal(0, status.Exit);
            Assert.Contains("Status: enabled-not-verified", status.Output, StringComparison.Ordinal);
            await Terminate(process);
            Assert.Equal(0, (await Finish(process)).Exit);
            Assert.False(Path.Exists(link));
        }
        finally
        {
            KillIfRunning(process);
        }
    }

    /// <summary>Issue 4: wwan-sim serves MBIM on its link; the real mbimcli reads the FCC-locked EM7355 there, then qmicli unlocks it through MBIM.</summary>
    [Fact]
    public async Task Port_Mbim_MbimcliAndQmicliOverMbimThroughTheLink()
    {
        using var directory = new TemporaryDirectory();
        var link = Path.Combine(directory.Path, "cdc-wdm-sim");
        using var process = Start("port", "--protocol", "mbim", "--link", link, "--profile", "em7355-fcc-locked");
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(ProcessTimeout);
            Assert.StartsWith($"ready {link} /dev/pts/", ready, StringComparison.Ordinal);

            var caps = await Tool("mbimcli", "-d", link, "--query-device-caps");
            var refused = await Tool("mbimcli", "-d", link, "--set-radio-state=on");
            var unlock = await Tool("qmicli", "-d", link, "--device-open-mbim", "--dms-set-fcc-authentication");
            var on = await Tool("mbimcli", "-d", link, "--set-radio-state=on");

            Assert.Equal(0, caps.Exit);
            Assert.Contains("Hardware info: 'EM7355'", caps.Output, StringComparison.Ordinal);
            Assert.NotEqual(0, refused.Exit);
            Assert.Equal(0, unlock.Exit);
            Assert.Equal(0, on.Exit);
            Assert.Contains("Software radio state: 'on'", on.Output, StringComparison.Ordinal);
            await Terminate(process);
            Assert.Equal(0, (await Finish(process)).Exit);
            Assert.False(Path.Exists(link));
        }
        finally
        {
            KillIfRunning(process);
        }
    }

    [Fact]
    public async Task Port_Echo_ReadyLineLinkEchoAndCleanExitOnSigterm()
    {
        using var directory = new TemporaryDirectory();
        var link = Path.Combine(directory.Path, "modem");
        using var process = Start("port", "--protocol", "echo", "--link", link);
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(ProcessTimeout);

            var fields = ready?.Split(' ') ?? [];
            Assert.True(fields.Length == 3 && fields[0] == "ready" && fields[1] == link && fields[2].StartsWith("/dev/pts/", StringComparison.Ordinal), $"ready line: '{ready}'");
            Assert.Equal(fields[2], new FileInfo(link).LinkTarget);

            var message = new byte[] { 0x01, 0x0c, 0x00, 0x00, 0x0d, 0x0a, 0x03, 0xff };
            using (var client = PseudoTerminalTests.OpenClient(link))
            {
                client.Write(message);
                Assert.Equal(message, await PseudoTerminalTests.ReadClientAsync(client, message.Length));
            }

            await Terminate(process);
            var (exit, error) = await Finish(process);

            Assert.True(exit == 0, $"exit {exit}: {error}");
            Assert.False(Path.Exists(link), "the link should be removed on SIGTERM");
            Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
        }
        finally
        {
            KillIfRunning(process);
        }
    }

    [Fact]
    public async Task Port_StaleLinkAtPath_IsReplaced()
    {
        using var directory = new TemporaryDirectory();
        var link = Path.Combine(directory.Path, "modem");
        File.CreateSymbolicLink(link, "/dev/pts/does-not-exist");
        using var process = Start("port", "--protocol", "echo", "--link", link);
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(ProcessTimeout);
            Assert.StartsWith($"ready {link} /dev/pts/", ready);
            Assert.NotEqual("/dev/pts/does-not-exist", new FileInfo(link).LinkTarget);

            await Terminate(process);
            Assert.Equal(0, (await Finish(process)).Exit);
        }
        finally
        {
            KillIfRunning(process);
        }
    }

    [Fact]
    public async Task Port_RegularFileAtPath_RefusesWithExit2AndKeepsTheFile()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "modem");
        await File.WriteAllTextAsync(path, "not ours");
        using var process = Start("port", "--protocol", "echo", "--link", path);

        var (exit, error) = await Finish(process);

        Assert.Equal(2, exit);
        Assert.Contains("not a symbolic link; refusing to overwrite it", error);
        Assert.Equal("not ours", await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData("modbus", null, "unknown protocol 'modbus'. Protocols: at, echo, mbim, qmi.")]
    [InlineData("at", "em7355-fcc-locked", "unknown profile 'em7355-fcc-locked' for protocol at. Profiles: default, denied, ec200t-ecm, fcc-locked, me909s-ncm, no-sim, pin-locked, rg500u-ncm, roaming, sim7600-rndis, slow-network, needs-dtr, silent-port, slow-port.")]
    [InlineData("mbim", "em7455", "unknown profile 'em7455' for protocol mbim. Profiles: default, denied, dw5570-first-protocol-wins, em7355-fcc-locked, fcc-locked, no-sim, pin-locked, roaming, slow-network.")]
    [InlineData("qmi", "em7455", "unknown profile 'em7455' for protocol qmi. Profiles: default, denied, dw5570-first-protocol-wins, fcc-locked, no-sim, pin-locked, roaming, slow-network.")]
    [InlineData("echo", "em7455", "unknown profile 'em7455' for protocol echo. Profiles: default.")]
    public async Task Port_UnavailableProtocolOrProfile_Exit2ListingTheValidOnes(string protocol, string? profile, string expected)
    {
        using var directory = new TemporaryDirectory();
        var link = Path.Combine(directory.Path, "modem");
        using var process = Start(["port", "--protocol", protocol, "--link", link, .. profile is null ? Array.Empty<string>() : ["--profile", profile]]);

        var (exit, error) = await Finish(process);

        Assert.Equal(2, exit);
        Assert.Equal("wwan-sim: " + expected, error.Trim());
        Assert.False(Path.Exists(link));
    }

    [Fact]
    public async Task Help_DescribesPortAndItsOptions()
    {
        using var process = Start("--help");
        var output = process.StandardOutput.ReadToEndAsync();

        Assert.Equal(0, (await Finish(process)).Exit);
        var text = await output;
        foreach (var expected in new[] { "wwan-sim port", "--protocol", "--link", "--profile", "ready PATH /dev/pts/N", "SIGTERM", "echo", "mbim", "em7355-fcc-locked", "dw5570-first-protocol-wins" })
        {
            Assert.Contains(expected, text);
        }
    }
}
