using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WwanDaemon.Network.Dhcp;

/// <summary>Gets an IPv4 lease on an interface.</summary>
public interface IDhcpLeaseSource
{
    Task<DhcpLease> AcquireAsync(string networkInterface, CancellationToken cancellationToken);
}

/// <summary>
/// Gets one DHCP lease with busybox udhcpc, run one-shot and in the foreground:
/// <c>udhcpc -f -q -n -i IFACE -s HOOK -t N -T S -O mtu</c> (-f no daemon, -q quit once bound, -n exit
/// when no lease, -O mtu asks for option 26). The hook script only writes the lease to a file
/// (<see cref="UdhcpcHookScript"/>), which <see cref="UdhcpcLeaseParser"/> reads.
/// <para>
/// Why udhcpc (Debian 12 offers three clients): isc-dhcp-client's dhclient is end-of-life upstream
/// (ISC stopped maintaining it in 2022) and Debian is moving away from it; dhcpcd-base's dhcpcd
/// configures the interface itself and is built around a long-running, privilege-separated daemon,
/// the opposite of a one-shot that must not touch the system. udhcpc from busybox (required by
/// Debian's initramfs tooling, one small static-ish binary) never configures anything itself: every
/// change goes through the -s script, so a script that records is all it takes, it runs in the
/// foreground and quits after one lease with -q. See docs/dhcp.md.
/// </para>
/// Renewal is not done here: the lease time is reported, and the session is re-established (or DHCP
/// run again) before it expires; cellular DHCP servers on ECM/RNDIS/NCM modems hand out long leases.
/// </summary>
public sealed class DhcpLeaseClient : IDhcpLeaseSource
{
    private readonly DhcpLeaseClientOptions options;
    private readonly ILogger logger;

    public DhcpLeaseClient(DhcpLeaseClientOptions? options = null, ILogger? logger = null)
    {
        this.options = options ?? new DhcpLeaseClientOptions();
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The full command line for <paramref name="networkInterface"/> with the hook at <paramref name="hookPath"/>.</summary>
    public IReadOnlyList<string> CommandLine(string networkInterface, string hookPath) =>
    [
        .. options.Command,
        "-f", "-q", "-n",
        "-i", networkInterface,
        "-s", hookPath,
        "-t", options.Discovers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-T", options.SecondsBetweenDiscovers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-O", "mtu",
    ];

    public async Task<DhcpLease> AcquireAsync(string networkInterface, CancellationToken cancellationToken)
    {
        var work = options.WorkDirectory is { } parent
            ? Directory.CreateDirectory(Path.Combine(parent, $"dhcp-{networkInterface}-{Guid.NewGuid():N}"))
            : Directory.CreateTempSubdirectory("wwan-dhcp-"); // mode 0700: nobody else can swap the hook
        try
        {
            var hook = UdhcpcHookScript.WriteInto(work.FullName);
            var commandLine = CommandLine(networkInterface, hook);
            var (exitCode, errors) = await RunAsync(networkInterface, commandLine, cancellationToken).ConfigureAwait(false);
            var leaseFile = hook + ".lease";
            if (exitCode != 0 || !File.Exists(leaseFile))
            {
                throw new DhcpException($"{networkInterface}: no DHCP lease: udhcpc exited with {exitCode} after {options.Discovers} discovers{Tail(errors)}; check that the modem is connected (its data session up) and the interface is the modem's ECM/RNDIS/NCM one");
            }
            var lease = UdhcpcLeaseParser.Parse(networkInterface, await File.ReadAllTextAsync(leaseFile, cancellationToken).ConfigureAwait(false));
            logger.LogInformation("{Interface}: DHCP lease {Address}/{Prefix} router {Router} for {Lease}", networkInterface, lease.Address, lease.PrefixLength, lease.Router, lease.LeaseTime);
            return lease;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<(int ExitCode, string Errors)> RunAsync(string networkInterface, IReadOnlyList<string> commandLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(commandLine[0])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new DhcpException($"{networkInterface}: cannot start the DHCP client '{commandLine[0]}': {exception.Message}; install Debian's busybox package (apt-get install busybox)", exception);
        }
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new DhcpException($"{networkInterface}: no DHCP lease within {options.Timeout.TotalSeconds:0} s{Tail(await errors.ConfigureAwait(false))}; check that the modem's data session is up");
        }
        await output.ConfigureAwait(false);
        return (process.ExitCode, await errors.ConfigureAwait(false));
    }

    private static string Tail(string errors)
    {
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "" : $" ({string.Join("; ", lines.TakeLast(3))})";
    }
}
