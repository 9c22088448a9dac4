using WwanDaemon.Mbim.Client;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Probing;

public sealed partial class PortProbe
{
    private QmiDevice? qmiDevice;
    private MbimDevice? mbimDevice;

    /// <summary>
    /// QMI CTL Get Version Info, up to <see cref="ProbeBudget.QmiTries"/> times. Not CTL Sync: Sync
    /// releases every client id, which would break another program already using the port. Any QMI
    /// answer, even an error result, means the port speaks QMI.
    /// </summary>
    private async Task<PortProbeStep> QmiVersionAsync(CancellationToken token)
    {
        qmiDevice ??= await QmiDevice.OpenAsync(connection!.Stream,
            new QmiDeviceOptions { Name = port.Path, RequestTimeout = budget.QmiTryTimeout, SyncOnOpen = false }, cancellationToken: token).ConfigureAwait(false);
        tries++;
        try
        {
            var response = await qmiDevice.RequestAsync("ctl", 0, "Get Version Info", [], token).ConfigureAwait(false);
            var services = response["Service list"] is QmiArray list ? list.Items.Count : 0;
            Note($"QMI try {tries}/{budget.QmiTries}: CTL Get Version Info answered ({services} services)");
            Conclude(PortProtocol.Qmi, $"answered QMI CTL Get Version Info on try {tries} of {budget.QmiTries}");
            return PortProbeStep.Done;
        }
        catch (QmiErrorException error)
        {
            Note($"QMI try {tries}/{budget.QmiTries}: {error.Message}");
            Conclude(PortProtocol.Qmi, $"answered QMI (with error {error.ErrorName}) on try {tries} of {budget.QmiTries}");
            return PortProbeStep.Done;
        }
        catch (QmiTimeoutException)
        {
            Note($"QMI try {tries}/{budget.QmiTries}: no answer within {budget.QmiTryTimeout.TotalMilliseconds:0} ms");
        }
        if (tries < budget.QmiTries)
        {
            return PortProbeStep.QmiVersion;
        }
        unanswered.Add($"{tries} QMI CTL Get Version Info tries of {budget.QmiTryTimeout.TotalMilliseconds:0} ms");
        await qmiDevice.DisposeAsync().ConfigureAwait(false);
        qmiDevice = null;
        return StartNextProtocol();
    }

    /// <summary>MBIM OPEN, up to <see cref="ProbeBudget.MbimTries"/> times; OPEN_DONE with any status means the port speaks MBIM.</summary>
    private async Task<PortProbeStep> MbimOpenAsync(CancellationToken token)
    {
        tries++;
        try
        {
            mbimDevice = await MbimDevice.OpenAsync(connection!.Stream,
                new MbimDeviceOptions { Name = port.Path, RequestTimeout = budget.MbimTryTimeout }, ct: token).ConfigureAwait(false);
            Note($"MBIM try {tries}/{budget.MbimTries}: OPEN_DONE, status Success");
            Conclude(PortProtocol.Mbim, $"answered MBIM OPEN on try {tries} of {budget.MbimTries}");
            return PortProbeStep.MbimClose;
        }
        catch (MbimStatusException error)
        {
            Note($"MBIM try {tries}/{budget.MbimTries}: {error.Message}");
            Conclude(PortProtocol.Mbim, $"answered MBIM OPEN (status {error.StatusName}) on try {tries} of {budget.MbimTries}");
            return PortProbeStep.Done;
        }
        catch (MbimTimeoutException)
        {
            Note($"MBIM try {tries}/{budget.MbimTries}: no OPEN_DONE within {budget.MbimTryTimeout.TotalMilliseconds:0} ms");
        }
        if (tries < budget.MbimTries)
        {
            return PortProbeStep.MbimOpen;
        }
        unanswered.Add($"{tries} MBIM OPEN tries of {budget.MbimTryTimeout.TotalMilliseconds:0} ms");
        return StartNextProtocol();
    }

    /// <summary>
    /// MBIM CLOSE, so the function is left as the probe found it (ModemManager's probe closes too).
    /// An unanswered CLOSE does not change the verdict: OPEN_DONE already came.
    /// </summary>
    private async Task<PortProbeStep> MbimCloseAsync(CancellationToken token)
    {
        var device = mbimDevice!;
        mbimDevice = null;
        try
        {
            await device.CloseAsync(token).ConfigureAwait(false);
            Note("CLOSE_DONE");
        }
        catch (Exception error) when (error is MbimTimeoutException or MbimStatusException)
        {
            Note($"CLOSE: {error.Message} (the verdict stands: OPEN was answered)");
        }
        return PortProbeStep.Done;
    }
}
