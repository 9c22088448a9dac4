using System.Net;
using System.Text;

namespace WwanDaemon.Network.Dns;

/// <summary>
/// Writes the name servers to STATE/resolv.conf.d/INTERFACE.conf ("nameserver 192.0.2.53" lines),
/// atomically: a temporary file in the same directory, then rename(2) over the old one, so a reader never
/// sees half a file. Merging fragments into /etc/resolv.conf is the system's job (resolvconf -a, or an
/// admin's include); the daemon does not rewrite /etc/resolv.conf itself.
/// </summary>
public sealed class ResolvConfFragmentDnsConfigurator : IDnsConfigurator
{
    private readonly string directory;

    /// <param name="stateDirectory">The daemon's state directory (/var/lib/wwan-daemon, or $STATE_DIRECTORY under systemd).</param>
    public ResolvConfFragmentDnsConfigurator(string stateDirectory) => directory = Path.Combine(stateDirectory, "resolv.conf.d");

    /// <summary>STATE/resolv.conf.d/INTERFACE.conf.</summary>
    public string FragmentPath(string networkInterface)
    {
        if (networkInterface.Length == 0 || networkInterface.Length > 15 || networkInterface.IndexOfAny(['/', '\0']) >= 0 || networkInterface is "." or "..")
        {
            throw new ArgumentException($"'{networkInterface}' is not a network interface name (1-15 characters, no '/')", nameof(networkInterface));
        }
        return Path.Combine(directory, networkInterface + ".conf");
    }

    public async Task ApplyAsync(string networkInterface, IReadOnlyList<IPAddress> servers, CancellationToken cancellationToken)
    {
        var path = FragmentPath(networkInterface);
        if (servers.Count == 0)
        {
            await ClearAsync(networkInterface, cancellationToken).ConfigureAwait(false);
            return;
        }
        var text = new StringBuilder($"# {networkInterface}: name servers of the cellular data session, written by wwan-daemon\n");
        foreach (var server in servers)
        {
            text.Append("nameserver ").Append(server).Append('\n');
        }
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, text.ToString(), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{networkInterface}: writing the DNS fragment {path} failed: {exception.Message}; the state directory must be writable by the daemon (StateDirectory= in the unit)", exception);
        }
    }

    public Task ClearAsync(string networkInterface, CancellationToken cancellationToken)
    {
        File.Delete(FragmentPath(networkInterface)); // no error when it does not exist
        return Task.CompletedTask;
    }
}
