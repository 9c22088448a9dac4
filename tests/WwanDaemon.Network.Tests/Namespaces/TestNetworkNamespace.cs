using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using WwanDaemon.Network.Netlink;

namespace WwanDaemon.Network.Tests.Namespaces;

/// <summary>
/// A private network namespace for one test: `ip netns add wwan-test-RANDOM` (a name under /run/netns),
/// deleted again on Dispose, which tests reach through `using` even when they fail. Sockets for the
/// code under test are opened inside it by <see cref="OpenRouteSocket"/>: a fresh thread enters the
/// namespace with setns(2) (allowed per thread for CLONE_NEWNET), creates the socket and ends; the
/// socket stays in that namespace for its whole life, whichever thread uses it. The test process
/// itself never leaves the host namespace. Checks run `ip -j -n NAME ...` and read its JSON.
/// </summary>
internal sealed partial class TestNetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000; // CLONE_NEWNET, linux/sched.h

    private TestNetworkNamespace(string name) => Name = name;

    public string Name { get; }

    public static TestNetworkNamespace Create()
    {
        var name = $"wwan-test-{Guid.NewGuid().ToString("N")[..10]}";
        Run("ip", "netns", "add", name);
        return new TestNetworkNamespace(name);
    }

    /// <summary>`ip -n NAME ARGS`; throws with ip's message on failure.</summary>
    public string Ip(params string[] arguments) => Run(["ip", "-n", Name, .. arguments]);

    /// <summary>`ip -j -n NAME ARGS` parsed.</summary>
    public JsonElement IpJson(params string[] arguments)
    {
        var text = Run(["ip", "-j", "-n", Name, .. arguments]);
        return JsonDocument.Parse(text.Length == 0 ? "[]" : text).RootElement.Clone();
    }

    /// <summary>A NETLINK_ROUTE socket inside this namespace.</summary>
    public NetlinkRouteSocket OpenRouteSocket() => RunInside(() => new NetlinkRouteSocket());

    /// <summary>Runs <paramref name="action"/> on a new thread that entered this namespace; the thread ends afterwards.</summary>
    public T RunInside<T>(Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/run/netns/{Name}");
                if (SetNamespace((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new IOException($"setns into network namespace {Name} failed: errno {Marshal.GetLastPInvokeError()}");
                }
                result = action();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception); // rethrown on the test's thread below
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    public void Dispose() => Run("ip", "netns", "del", Name);

    /// <summary>Runs a command, returns its standard output; throws with its standard error when it fails.</summary>
    public static string Run(params string[] commandLine)
    {
        var start = new ProcessStartInfo(commandLine[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', commandLine)}` exited with {process.ExitCode}: {error.Result.Trim()}");
        }
        return output.Trim();
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNamespace(int fd, int namespaceType);
}
