using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Mbim;

/// <summary>What a handler sees of one command.</summary>
/// <param name="Modem">The shared modem state.</param>
/// <param name="Request">The command decoded through its query or set layout.</param>
/// <param name="CommandType">Query or set.</param>
/// <param name="Port">The port, for per-host state (session ids, subscriptions).</param>
public sealed record MbimRequestContext(SimulatedModem Modem, MbimDecodedMessage Request, MbimCommandType CommandType, SimulatedMbimPort Port);

/// <summary>A handler's answer: an MBIM status and the response fields (empty for a bare failure).</summary>
public sealed record MbimAnswer(uint Status, IReadOnlyList<QmiField> Fields)
{
    /// <summary>Success with these fields.</summary>
    public static MbimAnswer Ok(params QmiField[] fields) => new(MbimStatus.Success, fields);

    /// <summary>A failure status, with fields when the command's response carries some on failure (PIN retries).</summary>
    public static MbimAnswer Fail(uint status, params QmiField[] fields) => new(status, fields);
}

/// <summary>Answers one command from the modem's state.</summary>
public delegate MbimAnswer MbimHandler(MbimRequestContext context);

public sealed partial class SimulatedMbimPort
{
    private static readonly Dictionary<(string Service, string Command, MbimCommandType Type), MbimHandler> Handlers =
        MbimDeviceFace.Handlers()
            .Concat(MbimPinFace.Handlers())
            .Concat(MbimNetworkFace.Handlers())
            .Concat(MbimConnectFace.Handlers())
            .ToDictionary();

    /// <summary>The commands the simulator answers, as "service/Command (query|set)".</summary>
    public static IEnumerable<string> AnsweredCommands => Handlers.Keys.Select(k => $"{k.Service}/{k.Command} ({k.Type.ToString().ToLowerInvariant()})");

    /// <summary>The declared commands of a service the simulator answers (for DEVICE_SERVICES), with their CIDs.</summary>
    internal IEnumerable<uint> AnsweredCids(string service) =>
        Handlers.Keys.Where(k => k.Service == service).Select(k => k.Command).Distinct()
            .Select(command => declarations.Find(service, command).Command.Cid).Order();

    internal MbimDeclarations Declarations => declarations;

    private async Task HandleCommandAsync(MbimCommand command, CancellationToken cancellationToken)
    {
        var declaration = declarations.Find(command.Service, command.Cid);
        var service = declarations.ServiceName(command.Service);
        var fault = Faults.Take(service, declaration?.Name);
        switch (fault?.Kind)
        {
            case MbimFaultKind.StopAnswering:
                stoppedAnswering = true;
                return;
            case MbimFaultKind.Drop:
                return;
            case MbimFaultKind.Reset:
                Modem.Reset();
                return;
            case MbimFaultKind.Delay:
                await Task.Delay(fault.Delay, cancellationToken).ConfigureAwait(false);
                break;
        }
        if (service == QmiServiceName && declaration?.Name == QmiMessageCommand && fault?.Kind != MbimFaultKind.Status
            && await ForwardToQmiAsync(command, fault, cancellationToken).ConfigureAwait(false))
        {
            return; // the answer comes when the QMI firmware responds
        }
        var response = RespondDeferringNotifications(command, declaration, service, fault, out var raised);
        await SendAsync(response, fault, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref commandsAnswered);
        foreach (var notification in raised)
        {
            await SendAsync(notification, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the handler with the notifications its own state changes raise held back, so the host
    /// reads the answer to its command before the notifications that command caused (as firmware does).
    /// </summary>
    private MbimCommandDone RespondDeferringNotifications(MbimCommand command, MbimCommandDeclaration? declaration, string? service, MbimFault? fault, out List<MbimMessage> raised)
    {
        raised = [];
        lock (gate)
        {
            deferred = raised;
            answeringThread = Environment.CurrentManagedThreadId;
        }
        try
        {
            return Respond(command, declaration, service, fault);
        }
        finally
        {
            lock (gate)
            {
                deferred = null;
                answeringThread = 0;
            }
        }
    }

    /// <summary>
    /// The answer to a command. An undeclared service or CID, or an operation the simulator does not
    /// implement, gets NoDeviceSupport (MBIM 1.0 §9.4.5), a malformed information buffer
    /// InvalidParameters, and a handler that fails Failure: the simulator never dies on host input.
    /// </summary>
    private MbimCommandDone Respond(MbimCommand command, MbimCommandDeclaration? declaration, string? service, MbimFault? fault)
    {
        if (fault?.Kind == MbimFaultKind.Status)
        {
            return Bare(command, fault.Status);
        }
        if (declaration is null || service is null || !Handlers.TryGetValue((service, declaration.Name, command.CommandType), out var handler))
        {
            return Bare(command, MbimStatus.NoDeviceSupport);
        }
        MbimDecodedMessage request;
        try
        {
            request = MbimMessageInterpreter.Decode(declarations, command);
        }
        catch (MbimProtocolException)
        {
            return Bare(command, MbimStatus.InvalidParameters);
        }
        try
        {
            var answer = handler(new MbimRequestContext(Modem, request, command.CommandType, this));
            return MbimMessageInterpreter.EncodeResponse(declarations, command, answer.Status, answer.Fields);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A handler bug must not end the port: answer Failure, count it (tests assert none).
            LastHandlerFailure = error;
            Interlocked.Increment(ref handlerFailures);
            return Bare(command, MbimStatus.Failure);
        }
    }

    private static MbimCommandDone Bare(MbimCommand command, uint status) => new(command.TransactionId, command.Service, command.Cid, status, []);
}
