using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WwanDaemon.DBus.Client;

namespace WwanDaemon.Network.Dns;

/// <summary>
/// DNS through systemd-resolved's D-Bus API where it runs (org.freedesktop.resolve1.Manager
/// SetLinkDNS(i ifindex, a(iay) addresses) and RevertLink(i ifindex), org.freedesktop.resolve1(5)),
/// else the resolv.conf fragment. The choice is made per apply: resolved present on the bus → its
/// API; no bus or no resolved → the fallback. Addresses are (family, bytes) with AF_INET 2 and
/// AF_INET6 10 (linux/socket.h).
/// </summary>
public sealed partial class ResolvedDnsConfigurator(Func<IDBusClient> connect, IDnsConfigurator fallback, ILogger? logger = null) : IDnsConfigurator
{
    public const string ServiceName = "org.freedesktop.resolve1";
    private const int AfInet = 2, AfInet6 = 10;
    private readonly ILogger logger = logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<string, int> appliedThroughResolved = new(StringComparer.Ordinal);

    public async Task ApplyAsync(string networkInterface, IReadOnlyList<IPAddress> servers, CancellationToken cancellationToken)
    {
        var index = (int)InterfaceIndex(networkInterface);
        if (index == 0)
        {
            throw new NetworkConfigurationDnsException($"{networkInterface}: setting DNS failed: no such interface");
        }
        if (TryResolved(client =>
            {
                client.Call(ServiceName, "/org/freedesktop/resolve1", "org.freedesktop.resolve1.Manager", "SetLinkDNS",
                    DBusArgument.Int32(index),
                    DBusArgument.Array("(iay)", servers.Select(server => DBusArgument.Struct(
                        DBusArgument.Int32(server.AddressFamily == AddressFamily.InterNetworkV6 ? AfInet6 : AfInet),
                        DBusArgument.Bytes(server.GetAddressBytes()))).ToArray()));
            }, networkInterface))
        {
            appliedThroughResolved[networkInterface] = index;
            logger.LogInformation("{Interface}: DNS {Servers} set through systemd-resolved", networkInterface, string.Join(", ", servers));
            return;
        }
        await fallback.ApplyAsync(networkInterface, servers, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearAsync(string networkInterface, CancellationToken cancellationToken)
    {
        if (appliedThroughResolved.TryRemove(networkInterface, out var index))
        {
            using var client = connect();
            client.Call(ServiceName, "/org/freedesktop/resolve1", "org.freedesktop.resolve1.Manager", "RevertLink", DBusArgument.Int32(index));
            return;
        }
        await fallback.ClearAsync(networkInterface, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="call"/> when resolved is on the bus; false (use the fallback) when there is no bus or no resolved.</summary>
    private bool TryResolved(Action<IDBusClient> call, string networkInterface)
    {
        IDBusClient client;
        try
        {
            client = connect();
        }
        catch (DBusException noBus)
        {
            logger.LogDebug("{Interface}: no D-Bus system bus ({Reason}); DNS goes to the resolv.conf fragment", networkInterface, noBus.Message);
            return false;
        }
        using (client)
        {
            if (!client.NameHasOwner(ServiceName))
            {
                logger.LogDebug("{Interface}: systemd-resolved is not running; DNS goes to the resolv.conf fragment", networkInterface);
                return false;
            }
            call(client);
            return true;
        }
    }

    [LibraryImport("libc", EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint InterfaceIndex(string name);
}

/// <summary>DNS could not be set; the message names the interface.</summary>
public sealed class NetworkConfigurationDnsException(string message) : Exception(message);
