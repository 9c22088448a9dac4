using System.Diagnostics;
using System.Text.Json;
using WwanDaemon.BusApi.Authorization;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Server;
using WwanDaemon.Supervision;

namespace WwanDaemon.BusApi.Tests.Polkit;

/// <summary>
/// With a stand-in polkitd on the bus (python3-dbus, Polkit/fake-polkit.py), a caller who is neither
/// root nor in the group is authorized by polkit's answer, asked with its unique bus name and our action.
/// </summary>
public sealed class PolkitAuthorizationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private sealed class Setup : IAsyncDisposable
    {
        public required PrivateBus Bus { get; init; }
        public required Process Polkit { get; init; }
        public required BusConnection Server { get; init; }
        public required ObjectServer Objects { get; init; }
        public required ModemManagerApi Api { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            Objects.Dispose();
            Server.Dispose();
            Polkit.Kill();
            Polkit.Dispose();
            Bus.Dispose();
        }
    }

    private static async Task<Setup> StartAsync(string answer)
    {
        var bus = PrivateBus.Start();
        Process? polkit = null;
        try
        {
            polkit = Process.Start(new ProcessStartInfo("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "Polkit", "fake-polkit.py"), bus.Address, answer])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            Assert.Contains("ready", await polkit.StandardOutput.ReadLineAsync().WaitAsync(Patience) ?? polkit.StandardError.ReadToEnd());
            var server = BusConnection.Connect(bus.Address);
            var objects = await ObjectServer.StartAsync(server, BusNames.ManagerPath);
            var fleet = new ModemFleet();
            fleet.Publish(ExportedFleet.Connected);
            var authorizer = new ControlAuthorizer("netdev", () => UnixAccounts.Parse("", ""), new BusPolkitAuthority(server));
            var api = new ModemManagerApi(objects, fleet, new BusApiOptions(), authorizer);
            await api.StartAsync();
            await server.RequestNameAsync(BusNames.ModemManager);
            // The API exports on its own loop: wait until the modem is there (a deadline, not a number of tries, which a loaded machine stretches).
            using var probe = BusConnection.Connect(bus.Address);
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                var xml = (DBus.Values.StringValue)(await probe.CallAsync(BusNames.ModemManager, BusNames.ModemPathPrefix + "0", "org.freedesktop.DBus.Introspectable", "Introspect", []))[0];
                if (xml.Value.Contains(BusNames.SimpleInterface, StringComparison.Ordinal))
                {
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, $"{BusNames.ModemPathPrefix}0 was not exported with {BusNames.SimpleInterface} within {Patience.TotalSeconds} s");
                await Task.Delay(25);
            }
            return new Setup { Bus = bus, Polkit = polkit, Server = server, Objects = objects, Api = api };
        }
        catch
        {
            // Not left running when the setup fails: the fake polkitd and the bus are processes of their own.
            if (polkit is { HasExited: false })
            {
                polkit.Kill();
            }
            polkit?.Dispose();
            bus.Dispose();
            throw;
        }
    }

    private static (int Exit, string Error) ConnectAsNobody(string address)
    {
        var start = new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "busctl", "--address=" + address, "--no-pager",
            "call", BusNames.ModemManager, BusNames.ModemPathPrefix + "0", BusNames.SimpleInterface, "Connect", "a{sv}", "1", "apn", "s", "internet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), "busctl hung");
        return (process.ExitCode, error.Result);
    }

    [Fact]
    public async Task PolkitAllows_TheCallPassesAuthorization_AskedForOurActionWithTheCallersBusName()
    {
        Assert.True(Environment.UserName == "root", "this test runs as root (as CI does) to start a client as nobody");
        await using var setup = await StartAsync("allow");

        var (exit, error) = await Task.Run(() => ConnectAsNobody(setup.Bus.Address));

        Assert.NotEqual(0, exit);
        Assert.Contains("read-only fleet", error); // past authorization: this fleet takes no commands
        using var asked = JsonDocument.Parse(await setup.Polkit.StandardOutput.ReadLineAsync().WaitAsync(Patience) ?? "{}");
        Assert.Equal("system-bus-name", asked.RootElement.GetProperty("kind").GetString());
        Assert.StartsWith(":1.", asked.RootElement.GetProperty("name").GetString());
        Assert.Equal(ControlAuthorizer.ControlAction, asked.RootElement.GetProperty("action").GetString());
        Assert.Equal(0, asked.RootElement.GetProperty("flags").GetInt32()); // no interaction: a daemon has no agent
    }

    [Fact]
    public async Task PolkitDenies_TheCallIsUnauthorized_SayingPolkitRefused()
    {
        Assert.True(Environment.UserName == "root", "this test runs as root (as CI does) to start a client as nobody");
        await using var setup = await StartAsync("deny");

        var (exit, error) = await Task.Run(() => ConnectAsNobody(setup.Bus.Address));

        Assert.NotEqual(0, exit);
        Assert.Contains("polkit did not authorize", error);
    }

    [Fact]
    public async Task Root_IsNeverSentToPolkit()
    {
        var authority = new CountingAuthority();
        var authorizer = new ControlAuthorizer("netdev", () => UnixAccounts.Parse("", ""), authority);

        await authorizer.RequireAsync(new DBusCaller(":1.9", 0, 9), "Simple.Connect");

        Assert.Equal(0, authority.Calls);
    }

    [Fact]
    public async Task PolkitAbsent_TheGroupDecides()
    {
        var authorizer = new ControlAuthorizer("netdev", () => UnixAccounts.Parse("", ""), new CountingAuthority { Answer = null });

        var error = await Assert.ThrowsAsync<DBusErrorException>(() => authorizer.RequireAsync(new DBusCaller(":1.9", 1000, 9), "Simple.Connect").AsTask());

        Assert.Equal(ModemManagerErrors.Unauthorized, error.ErrorName);
        Assert.DoesNotContain("polkit", error.Message);
    }

    /// <summary>An authority that answers a fixed verdict and counts the questions.</summary>
    private sealed class CountingAuthority : IPolkitAuthority
    {
        public bool? Answer { get; init; } = true;

        public int Calls { get; private set; }

        public Task<bool?> CheckAsync(string sender, string actionId, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(Answer);
        }
    }
}
