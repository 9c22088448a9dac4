using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;
using WwanDaemon.At.Parsers;

namespace WwanDaemon.Modem.Backends;

/// <summary>
/// A modem driven by AT alone, whose data path is an ECM/RNDIS/NCM network function (seed 000: a
/// SIM7600G-H in its RNDIS composition 1e0e:9011, no QMI, no MBIM). Identity from +CGMI/+CGMM/+CGMR/
/// +CGSN, the SIM from +CPIN?, the ICCID commands, +CIMI and the vendor's PIN counters, the radio
/// with +CFUN, registration from +CEREG?/+CREG? and their URCs, the operator from +COPS?, the signal
/// from +CSQ; the session with +CGDCONT and the <see cref="AtDataCallDialect"/>'s call. The addresses
/// come from DHCP on the network interface: <see cref="ConnectAsync"/> returns
/// <see cref="SessionSettings.ByDhcp"/> with what the modem said in <see cref="SessionSettings.NetworkAssigned"/>.
/// <para>
/// Echo is left on (ATE1, the V.250 default): <see cref="AtChannel"/> tells a timed-out command's late
/// answer from the next command's only by the next command's echo, so after a timeout an echoing
/// port stays in step and a silent one (ATE0) may hand one command's answer to the next. The cost is
/// the command text coming back, which the channel drops and nothing logs.
/// </para>
/// </summary>
public sealed partial class AtModemBackend : IModemBackend
{
    private readonly AtChannel channel;
    private readonly AtBackendOptions options;
    private readonly AtRegistration registration = new();

    /// <summary>The &lt;n&gt; set with AT+CREG=2 / AT+CEREG=2: status and location in URCs.</summary>
    private const int ReportingMode = 2;

    private AtModemBackend(AtChannel channel, AtBackendOptions options)
    {
        this.channel = channel;
        this.options = options;
    }

    public string Protocol => "at";

    public string ControlPort => options.PortName;

    /// <summary>
    /// Opens an <see cref="AtChannel"/> on <paramref name="stream"/> (which stays the caller's) and
    /// initialises the port: ATE1, AT+CMEE=1 (numeric +CME errors, so failures are told apart), the
    /// registration URCs (AT+CREG=2, AT+CEREG=2 where the firmware has +CEREG) and the numeric
    /// +COPS format.
    /// </summary>
    public static async Task<AtModemBackend> OpenAsync(Stream stream, AtBackendOptions options, CancellationToken cancellationToken)
    {
        var channel = AtChannel.Open(stream, new AtChannelOptions { Name = options.PortName, CommandTimeout = options.CommandTimeout });
        var backend = new AtModemBackend(channel, options);
        try
        {
            await backend.RunAsync(AtCommand.Execute("E1"), "turning command echo on", cancellationToken).ConfigureAwait(false);
            await backend.RunAsync(AtCommand.Set("+CMEE", AtArgument.Number(1)), "asking for numeric +CME errors", cancellationToken).ConfigureAwait(false);
            await backend.RunAsync(AtCommand.Set("+CREG", AtArgument.Number(ReportingMode)), "turning on +CREG registration reports", cancellationToken).ConfigureAwait(false);
            // +CEREG is TS 27.007 Release 8: 2G/3G-only firmware answers ERROR and reports through +CREG alone.
            await backend.TryAsync(AtCommand.Set("+CEREG", AtArgument.Number(ReportingMode)), "turning on +CEREG registration reports", cancellationToken).ConfigureAwait(false);
            return backend;
        }
        catch (Exception)
        {
            // The port is of no use half initialised; the caller gets the reason, the channel is closed.
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<ModemIdentity> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        var manufacturer = await ReadAsync(AtCommand.Execute("+CGMI"), "reading the manufacturer (AT+CGMI)", IdentityParsers.ParseManufacturer, cancellationToken).ConfigureAwait(false);
        var model = await ReadAsync(AtCommand.Execute("+CGMM"), "reading the model (AT+CGMM)", IdentityParsers.ParseModel, cancellationToken).ConfigureAwait(false);
        var revision = await ReadAsync(AtCommand.Execute("+CGMR"), "reading the firmware revision (AT+CGMR)", IdentityParsers.ParseRevision, cancellationToken).ConfigureAwait(false);
        var imei = await ReadAsync(AtCommand.Execute("+CGSN"), "reading the IMEI (AT+CGSN)", IdentityParsers.ParseSerialNumber, cancellationToken).ConfigureAwait(false);
        return new ModemIdentity(manufacturer, model, revision, imei);
    }

    /// <summary>AT+CFUN=1: full functionality (TS 27.007 §8.2). A refusal is the radio being locked (rfkill line, W_DISABLE#, vendor lock).</summary>
    public async Task EnableAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync(AtCommand.Set("+CFUN", options.NetworkCommandTimeout, AtArgument.Number(1)), "turning the radio on (AT+CFUN=1)", cancellationToken).ConfigureAwait(false);
        if (!response.IsOk)
        {
            throw new ModemOperationException(ModemFailure.RadioLocked,
                $"{options.PortName}: the modem refused to turn the radio on (AT+CFUN=1: {response.Final}); check the hardware radio switch or W_DISABLE# line (rfkill), and the SIM");
        }
    }

    /// <summary>AT+CFUN=4: radio off, SIM kept (TS 27.007 §8.2).</summary>
    public Task DisableAsync(CancellationToken cancellationToken) =>
        RunAsync(AtCommand.Set("+CFUN", options.NetworkCommandTimeout, AtArgument.Number(4)), "turning the radio off (AT+CFUN=4)", cancellationToken);

    /// <summary>
    /// +CEREG? (where the firmware has it) and +CREG?, combined by <see cref="AtRegistration"/>; when
    /// registered, +COPS? in numeric then long format and +CSQ.
    /// </summary>
    public async Task<NetworkStatus> ReadNetworkAsync(CancellationToken cancellationToken)
    {
        var current = Registration.Unknown;
        var technology = Fleet.AccessTechnology.Unknown;
        foreach (var name in new[] { "+CEREG", "+CREG" })
        {
            var response = await SendAsync(AtCommand.Read(name), $"reading the registration (AT{name}?)", cancellationToken).ConfigureAwait(false);
            if (response.IsOk)
            {
                var report = Parse(response, $"reading the registration (AT{name}?)", lines => AtRegistration.ParseReadAmongUnsolicited(lines, ReportingMode));
                current = registration.Update(report);
                if (technology == Fleet.AccessTechnology.Unknown && report.IsRegistered)
                {
                    technology = AtRegistration.Technology(report.Technology);
                }
            }
        }
        if (current is not (Registration.Home or Registration.Roaming))
        {
            return new NetworkStatus(current, null, null, null);
        }
        var operatorCode = await ReadOperatorAsync(2, cancellationToken).ConfigureAwait(false);
        var operatorName = await ReadOperatorAsync(0, cancellationToken).ConfigureAwait(false);
        var signal = await ReadAsync(AtCommand.Execute("+CSQ"), "reading the signal (AT+CSQ)", SignalParsers.ParseCsq, cancellationToken).ConfigureAwait(false);
        return new NetworkStatus(current, operatorCode, operatorName, AtRegistration.SignalPercent(signal))
        {
            RssiDbm = signal.RssiDbm,
            AccessTechnology = technology,
        };
    }

    /// <summary>AT+COPS=3,&lt;format&gt; then AT+COPS? (TS 27.007 §7.3: 0 long name, 2 numeric MCC+MNC).</summary>
    private async Task<string?> ReadOperatorAsync(int format, CancellationToken cancellationToken)
    {
        await RunAsync(AtCommand.Set("+COPS", AtArgument.Number(3), AtArgument.Number(format)), "choosing the operator format (AT+COPS=3)", cancellationToken).ConfigureAwait(false);
        var selection = await ReadAsync(AtCommand.Read("+COPS"), "reading the operator (AT+COPS?)", OperatorParsers.ParseSelection, cancellationToken).ConfigureAwait(false);
        return selection.Format == format && !string.IsNullOrEmpty(selection.Operator) ? selection.Operator : null;
    }

    public async ValueTask DisposeAsync() => await channel.DisposeAsync().ConfigureAwait(false);

    /// <summary>Sends <paramref name="command"/>; transport failures become <see cref="ModemOperationException"/>, error answers are returned.</summary>
    private async Task<AtResponse> SendAsync(AtCommand command, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.SendAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (AtFailures.Translate(options.PortName, what, error) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>Sends <paramref name="command"/> and requires OK.</summary>
    private async Task<AtResponse> RunAsync(AtCommand command, string what, CancellationToken cancellationToken)
    {
        var response = await SendAsync(command, what, cancellationToken).ConfigureAwait(false);
        return response.IsOk ? response : throw AtFailures.FromFinal(options.PortName, what, response.Final);
    }

    /// <summary>Sends <paramref name="command"/>; an error answer means the firmware lacks it, which is returned as false.</summary>
    private async Task<bool> TryAsync(AtCommand command, string what, CancellationToken cancellationToken) =>
        (await SendAsync(command, what, cancellationToken).ConfigureAwait(false)).IsOk;

    /// <summary>Sends <paramref name="command"/>, requires OK and parses the answer.</summary>
    private async Task<T> ReadAsync<T>(AtCommand command, string what, Func<IReadOnlyList<string>, T> parse, CancellationToken cancellationToken)
    {
        var response = await RunAsync(command, what, cancellationToken).ConfigureAwait(false);
        return Parse(response, what, parse);
    }

    private T Parse<T>(AtResponse response, string what, Func<IReadOnlyList<string>, T> parse)
    {
        try
        {
            return parse(response.Lines);
        }
        catch (WwanDaemon.At.AtProtocolException error)
        {
            throw AtFailures.Translate(options.PortName, what, error)!;
        }
    }
}
