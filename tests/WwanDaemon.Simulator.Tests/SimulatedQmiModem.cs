using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Simulator.Tests;

/// <summary>A simulated QMI modem on a pseudo-terminal (<see cref="SimulatedPortOnPty"/>), with a qmicli runner.</summary>
internal sealed class SimulatedQmiModem : IAsyncDisposable
{
    private readonly SimulatedPortOnPty pty;

    public SimulatedQmiModem(string profile = "default")
    {
        Modem = new SimulatedModem(Profiles.Get(profile));
        Port = new SimulatedQmiPort(Modem);
        pty = new SimulatedPortOnPty(Port);
    }

    public SimulatedModem Modem { get; }

    public SimulatedQmiPort Port { get; }

    public string Link => pty.Link;

    /// <summary>Runs the real qmicli against the link (QMI framing, as on a qmi_wwan cdc-wdm port); returns its exit code and output.</summary>
    public Task<(int Exit, string Output)> QmicliAsync(params string[] arguments) => pty.RunAsync("qmicli", ["--device-open-qmi", .. arguments]);

    public async ValueTask DisposeAsync()
    {
        await pty.DisposeAsync();
        Port.Dispose();
        Modem.Dispose();
    }
}
