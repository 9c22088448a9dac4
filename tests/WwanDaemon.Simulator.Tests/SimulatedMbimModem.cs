using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>A simulated MBIM modem on a pseudo-terminal, with mbimcli and qmicli (over MBIM) runners.</summary>
internal sealed class SimulatedMbimModem : IAsyncDisposable
{
    private readonly SimulatedPortOnPty pty;

    public SimulatedMbimModem(string profile = "default")
    {
        Modem = new SimulatedModem(Profiles.Get(profile));
        Port = new SimulatedMbimPort(Modem);
        pty = new SimulatedPortOnPty(Port);
    }

    public SimulatedModem Modem { get; }

    public SimulatedMbimPort Port { get; }

    public string Link => pty.Link;

    /// <summary>The real mbimcli, opening the link as it opens /dev/cdc-wdmN (OPEN, command, CLOSE).</summary>
    public Task<(int Exit, string Output)> MbimcliAsync(params string[] arguments) => pty.RunAsync("mbimcli", arguments);

    /// <summary>The real qmicli, tunnelling QMI through the MBIM QMI service.</summary>
    public Task<(int Exit, string Output)> QmicliAsync(params string[] arguments) => pty.RunAsync("qmicli", ["--device-open-mbim", .. arguments]);

    public async ValueTask DisposeAsync()
    {
        await pty.DisposeAsync();
        Port.Dispose();
        Modem.Dispose();
    }
}
