using WwanDaemon.Composition.Planning;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Probing;

namespace WwanDaemon.Supervision;

/// <summary>Opens the backend for the control port probing chose.</summary>
public interface IModemBackendFactory
{
    /// <param name="control">The port and the protocol it answered.</param>
    /// <param name="plan">The device's plan (quirks such as the FCC unlock).</param>
    /// <param name="rawIpFile">SYSROOT/class/net/wwanN/qmi/raw_ip when the net interface is qmi_wwan's, else null.</param>
    /// <param name="cancellationToken">Stops opening.</param>
    Task<IModemBackend> OpenAsync(ControlChoice control, CompositionPlan plan, string? rawIpFile, CancellationToken cancellationToken);
}

/// <summary>QMI and MBIM backends on the Linux nodes, opened like the prober opens them.</summary>
public sealed class LinuxModemBackendFactory(IProbePortOpener opener, TimeSpan requestTimeout) : IModemBackendFactory
{
    public async Task<IModemBackend> OpenAsync(ControlChoice control, CompositionPlan plan, string? rawIpFile, CancellationToken cancellationToken)
    {
        var connection = await opener.OpenAsync(control.Port, cancellationToken).ConfigureAwait(false);
        try
        {
            var knowledge = plan.Knowledge;
            return control.Protocol switch
            {
                PortProtocol.Qmi => new OwningBackend(await QmiModemBackend.OpenAsync(connection.Stream, new QmiBackendOptions
                {
                    PortName = control.Port.Path,
                    RequestTimeout = requestTimeout,
                    RawIpSysfsFile = rawIpFile,
                    FccUnlock = knowledge?.HasQuirk("fcc-unlock") == true,
                }, cancellationToken).ConfigureAwait(false), connection),
                PortProtocol.Mbim => new OwningBackend(await MbimModemBackend.OpenAsync(connection.Stream, new MbimBackendOptions
                {
                    PortName = control.Port.Path,
                    RequestTimeout = requestTimeout,
                    FccUnlockOverQmi = knowledge?.HasQuirk("fcc-unlock-qmi-over-mbim") == true,
                }, cancellationToken).ConfigureAwait(false), connection),
                PortProtocol.At => new OwningBackend(await AtModemBackend.OpenAsync(connection.Stream, AtOptions(control, plan), cancellationToken).ConfigureAwait(false), connection),
                _ => throw new ModemOperationException(ModemFailure.Other,
                    $"{control.Port.Path}: the port answered {control.Protocol}, which is not a control protocol"),
            };
        }
        catch (Exception)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private AtBackendOptions AtOptions(ControlChoice control, CompositionPlan plan)
    {
        var (dialect, layout) = AtDataCallDialects.For(plan.Device.VendorId, plan.Device.ProductId);
        return new AtBackendOptions { PortName = control.Port.Path, CommandTimeout = requestTimeout, DataCall = dialect, QuectelLayout = layout };
    }

    /// <summary>A backend that also closes the port it runs on.</summary>
    private sealed class OwningBackend(IModemBackend inner, IProbeConnection connection) : IModemBackend
    {
        public string Protocol => inner.Protocol;

        public string ControlPort => inner.ControlPort;

        public Task<ModemIdentity> ReadIdentityAsync(CancellationToken cancellationToken) => inner.ReadIdentityAsync(cancellationToken);

        public Task<SimStatus> ReadSimAsync(CancellationToken cancellationToken) => inner.ReadSimAsync(cancellationToken);

        public Task UnlockAsync(string pin, CancellationToken cancellationToken) => inner.UnlockAsync(pin, cancellationToken);

        public Task EnableAsync(CancellationToken cancellationToken) => inner.EnableAsync(cancellationToken);

        public Task DisableAsync(CancellationToken cancellationToken) => inner.DisableAsync(cancellationToken);

        public Task<NetworkStatus> ReadNetworkAsync(CancellationToken cancellationToken) => inner.ReadNetworkAsync(cancellationToken);

        public Task<SessionSettings> ConnectAsync(Modem.ConnectionProfiles.ConnectionProfile profile, CancellationToken cancellationToken) => inner.ConnectAsync(profile, cancellationToken);

        public Task<bool> IsSessionUpAsync(CancellationToken cancellationToken) => inner.IsSessionUpAsync(cancellationToken);

        public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

        public IAsyncEnumerable<BackendEvent> EventsAsync(CancellationToken cancellationToken) => inner.EventsAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
