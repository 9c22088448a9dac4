using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Ports;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Simulator.Mbim;

/// <summary>
/// The device side of an MBIM control port (MBIM 1.0 §9): OPEN/CLOSE, commands answered from the
/// <see cref="SimulatedModem"/>'s state through the same declarations the host-side client uses,
/// notifications (INDICATE_STATUS) when that state changes, QMI tunnelled through the QMI device
/// service to a <see cref="SimulatedQmiPort"/> on the same modem, and the
/// <see cref="MbimFaultScript"/>'s firmware bugs. Real mbimcli and qmicli drive it (tests).
/// </summary>
public sealed partial class SimulatedMbimPort : ISimulatedPort, IDisposable
{
    private readonly MbimDeclarations declarations;
    private readonly MbimReassembler reassembler = new();
    private readonly object gate = new();
    private MbimTransferWriter? writer;
    private bool isOpen;
    private int maxControlTransfer = 4096;
    private bool stoppedAnswering;

    /// <summary>A port for <paramref name="modem"/>; its QMI service runs a <see cref="SimulatedQmiPort"/> on the same modem.</summary>
    /// <param name="modem">The shared modem state.</param>
    /// <param name="faults">Scripted MBIM firmware bugs; none when null.</param>
    /// <param name="declarations">The MBIM declarations; the embedded ones when null.</param>
    /// <param name="qmiFaults">Scripted bugs of the tunnelled QMI firmware; none when null.</param>
    public SimulatedMbimPort(SimulatedModem modem, MbimFaultScript? faults = null, MbimDeclarations? declarations = null, QmiFaultScript? qmiFaults = null)
    {
        Modem = modem;
        Faults = faults ?? new MbimFaultScript();
        this.declarations = declarations ?? MbimDeclarations.Embedded;
        QmiPort = new SimulatedQmiPort(modem, qmiFaults);
    }

    /// <summary>The modem state this port answers from.</summary>
    public SimulatedModem Modem { get; }

    /// <summary>The scripted firmware bugs (tests add to it while the port serves).</summary>
    public MbimFaultScript Faults { get; }

    /// <summary>The QMI firmware behind the QMI device service (QMI over MBIM, seed 003).</summary>
    public SimulatedQmiPort QmiPort { get; }

    /// <summary>Whether the host has opened the function (OPEN_DONE sent, no CLOSE or reset since).</summary>
    public bool IsOpen
    {
        get
        {
            lock (gate)
            {
                return isOpen;
            }
        }
    }

    // Counted from the serving loop, the QMI tunnel's answer loop and modem-change callbacks on other
    // threads at once, so every count is an Interlocked increment (a plain ++ loses some).
    private int commandsAnswered;
    private int protocolErrors;
    private int handlerFailures;

    /// <summary>Commands answered so far (COMMAND_DONE sent).</summary>
    public int CommandsAnswered => Volatile.Read(ref commandsAnswered);

    /// <summary>Transfers the host sent that broke the protocol (answered with FUNCTION_ERROR or skipped).</summary>
    public int ProtocolErrors => Volatile.Read(ref protocolErrors);

    /// <summary>Handlers that threw (a simulator bug); tests assert it stays 0.</summary>
    public int HandlerFailures => Volatile.Read(ref handlerFailures);

    /// <summary>The last handler exception, for the test that finds one.</summary>
    public Exception? LastHandlerFailure { get; private set; }

    /// <inheritdoc />
    public async Task ServeAsync(Stream port, CancellationToken cancellationToken)
    {
        writer?.Dispose();
        writer = new MbimTransferWriter(port);
        using var serving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tunnel = RunQmiTunnelAsync(serving.Token);
        Modem.Changed += OnModemChanged;
        var reader = PipeReader.Create(port, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            await MessagePump.RunAsync<byte[]>(reader, TryReadTransfer, HandleTransferAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Modem.Changed -= OnModemChanged;
            await serving.CancelAsync().ConfigureAwait(false);
            await StopQmiTunnelAsync(tunnel).ConfigureAwait(false);
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Forgets the host, as a firmware restart does: the function is closed (the host must OPEN
    /// again), subscriptions and session ids go, tunnelled QMI requests in flight are dropped.
    /// </summary>
    public void ForgetHost()
    {
        lock (gate)
        {
            isOpen = false;
            stoppedAnswering = false;
            subscriptions = null;
            sessionHandles.Clear();
            pendingQmi.Clear();
        }
    }

    /// <summary>Releases the writers; the modem belongs to whoever created it.</summary>
    public void Dispose()
    {
        writer?.Dispose();
        qmiWriter?.Dispose();
        QmiPort.Dispose();
    }

    /// <summary>A real function ignores bytes that cannot start a message; so does the simulator (resynchronising byte by byte).</summary>
    private bool TryReadTransfer(ref ReadOnlySequence<byte> buffer, out byte[] transfer)
    {
        while (true)
        {
            try
            {
                return MbimTransferReader.TryRead(ref buffer, out transfer);
            }
            catch (MbimProtocolException)
            {
                Interlocked.Increment(ref protocolErrors);
                buffer = buffer.Slice(1);
            }
        }
    }

    private async Task HandleTransferAsync(byte[] transfer, CancellationToken cancellationToken)
    {
        MbimMessage? message;
        try
        {
            message = reassembler.Accept(transfer);
        }
        catch (MbimProtocolException malformed)
        {
            // MBIM 1.0 §9.3.4: a function that cannot take a message reports FUNCTION_ERROR for its transaction.
            Interlocked.Increment(ref protocolErrors);
            if (malformed.TransactionId is { } transaction && !stoppedAnswering)
            {
                await SendAsync(new MbimFunctionError(transaction, malformed.Error == MbimProtocolError.None ? MbimProtocolError.Unknown : malformed.Error), null, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        if (message is null || stoppedAnswering)
        {
            return; // fragments still missing, or a hung firmware
        }
        switch (message)
        {
            case MbimOpen open:
                Open(open);
                await SendAsync(new MbimOpenDone(open.TransactionId, MbimStatus.Success), null, cancellationToken).ConfigureAwait(false);
                break;
            case MbimClose close:
                lock (gate)
                {
                    isOpen = false;
                }
                await SendAsync(new MbimCloseDone(close.TransactionId, MbimStatus.Success), null, cancellationToken).ConfigureAwait(false);
                break;
            case MbimCommand command when !IsOpen:
                // MBIM 1.0 §9.3.4: commands before OPEN get FUNCTION_ERROR NotOpened.
                await SendAsync(new MbimFunctionError(command.TransactionId, MbimProtocolError.NotOpened), null, cancellationToken).ConfigureAwait(false);
                break;
            case MbimCommand command:
                await HandleCommandAsync(command, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Interlocked.Increment(ref protocolErrors); // HOST_ERROR, or a function-to-host type the host should not send: nothing to answer
                break;
        }
    }

    /// <summary>OPEN starts a fresh session with the host: its MaxControlTransfer, default subscriptions, no session ids.</summary>
    private void Open(MbimOpen open)
    {
        lock (gate)
        {
            isOpen = true;
            maxControlTransfer = (int)Math.Clamp(open.MaxControlTransfer, (uint)MbimMessageCodec.MinControlTransfer, (uint)MbimMessageCodec.MaxMessageLength);
            subscriptions = null;
        }
    }

    private int MaxControlTransfer
    {
        get
        {
            lock (gate)
            {
                return maxControlTransfer;
            }
        }
    }

    /// <summary>Encodes <paramref name="message"/> in the host's transfer size (or as the fault says) and writes it.</summary>
    private async Task SendAsync(MbimMessage message, MbimFault? fault, CancellationToken cancellationToken)
    {
        var transfers = MbimMessageCodec.Encode(message, fault?.Kind is MbimFaultKind.Fragment or MbimFaultKind.OutOfOrderFragments ? fault.FragmentSize : MaxControlTransfer).ToList();
        if (fault?.Kind == MbimFaultKind.OutOfOrderFragments && transfers.Count > 1)
        {
            (transfers[0], transfers[1]) = (transfers[1], transfers[0]);
        }
        if (fault?.Kind == MbimFaultKind.Corrupt && message is MbimCommandDone)
        {
            Corrupt(transfers[0]);
        }
        var output = writer ?? throw new InvalidOperationException("the simulated MBIM port is not serving");
        await output.WriteAsync(transfers, cancellationToken).ConfigureAwait(false);
        if (fault?.Kind == MbimFaultKind.Duplicate)
        {
            await output.WriteAsync(transfers, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// COMMAND_DONE fragment 0: header (12) + fragment header (8) + service (16) + CID (4) + status (4),
    /// then InformationBufferLength at offset 44. Claiming 4 more bytes than the message holds makes it
    /// malformed while MessageLength keeps the stream in step.
    /// </summary>
    private static void Corrupt(byte[] transfer)
    {
        const int InformationBufferLengthOffset = 44;
        var claimed = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(transfer.AsSpan(InformationBufferLengthOffset));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(transfer.AsSpan(InformationBufferLengthOffset), claimed + 4);
    }
}
