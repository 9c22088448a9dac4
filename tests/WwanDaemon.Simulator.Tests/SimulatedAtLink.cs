using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Links;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// A simulated AT port on an in-memory link with the host-side <see cref="AtChannel"/> on the other
/// end. When the port leaves (re-enumeration) the link's device end is closed, as wwan-sim closes its
/// pty, so the host sees the port gone.
/// </summary>
internal sealed class SimulatedAtLink : IAsyncDisposable
{
    private readonly Stream host;
    private readonly CancellationTokenSource stop = new();

    public SimulatedAtLink(string profile = "default", AtPortOptions? options = null)
        : this(new SimulatedAtPort(new SimulatedModem(Profiles.Get(profile)), options))
    {
    }

    public SimulatedAtLink(SimulatedAtPort port, TimeSpan? commandTimeout = null)
    {
        Port = port;
        (host, var device) = InMemoryLink.Create();
        Serving = Task.Run(async () =>
        {
            try
            {
                await port.ServeAsync(device, stop.Token);
            }
            finally
            {
                await device.DisposeAsync();
            }
        });
        Channel = AtChannel.Open(host, new AtChannelOptions { Name = "simulated " + port.Options.Name, CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(10) });
    }

    public SimulatedAtPort Port { get; }

    public SimulatedModem Modem => Port.Modem;

    public AtChannel Channel { get; }

    /// <summary>The port's serving loop; it ends when the port leaves or the link is disposed.</summary>
    public Task Serving { get; }

    public Task<AtResponse> SendAsync(AtCommand command) => Channel.SendAsync(command);

    /// <summary>Sends and requires OK; returns the information lines.</summary>
    public async Task<IReadOnlyList<string>> OkAsync(AtCommand command)
    {
        var response = await Channel.SendAsync(command);
        Assert.True(response.Final.IsOk, $"{command.Text} answered {response.Final}");
        return response.Lines;
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
        await stop.CancelAsync();
        try
        {
            await Serving;
        }
        catch (OperationCanceledException)
        {
            // stopping is how serving ends
        }
        await host.DisposeAsync();
        stop.Dispose();
        Port.Modem.Dispose();
    }
}
