using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Mbim.Client;

public sealed partial class MbimDevice
{
    /// <summary>The QMI device service (libmbim mbim-uuid.c uuid_qmi).</summary>
    private static readonly Guid QmiServiceId = new("d1a30bc2-f97a-6e43-bf65-c7e24fb0f0d3");

    /// <summary>QMI Msg (libmbim mbim-cid.h MBIM_CID_QMI_MSG).</summary>
    private const uint QmiMessageCid = 1;

    private MbimQmiTransport? qmiTransport;

    /// <summary>
    /// A duplex stream for a QMI client: each QMUX frame written goes out as a QMI Msg set, and the
    /// QMUX frames of the answers and of QMI-service notifications become readable, so
    /// <c>QmiDevice.OpenAsync(mbim.OpenQmiTransport())</c> runs the QMI client unchanged.
    /// </summary>
    /// <exception cref="InvalidOperationException">A QMI transport is already open on this port.</exception>
    public Stream OpenQmiTransport()
    {
        var transport = new MbimQmiTransport(this);
        if (Interlocked.CompareExchange(ref qmiTransport, transport, null) is not null)
        {
            throw new InvalidOperationException($"{Options.Name}: a QMI transport is already open; dispose it first");
        }
        return transport;
    }

    /// <summary>Failures of QMI Msg exchanges (timeouts, failure statuses); the QMI client sees them as its own timeouts.</summary>
    public int QmiTransportFailures => Volatile.Read(ref qmiTransportFailures);

    /// <summary>Why the last QMI Msg exchange failed (a status, a timeout, a closed port, ...), for logs and diagnosis.</summary>
    public string? LastQmiTransportFailure => Volatile.Read(ref lastQmiTransportFailure);

    private int qmiTransportFailures;
    private string? lastQmiTransportFailure;

    internal async Task ForwardQmiAsync(MbimQmiTransport transport, byte[] frame)
    {
        string failure;
        try
        {
            var answer = await ExchangeAsync(tid => new MbimCommand(tid, QmiServiceId, QmiMessageCid, MbimCommandType.Set, frame),
                $"{Options.Name}: qmi Msg set", closing.Token, transport).ConfigureAwait(false);
            if (answer is MbimCommandDone { Status: MbimStatus.Success } done && done.Service == QmiServiceId && done.Cid == QmiMessageCid)
            {
                return; // the read loop has delivered its QMUX frame
            }
            failure = answer is MbimCommandDone failed
                ? $"QMI Msg answered {MbimStatus.Name(failed.Status)}"
                : $"QMI Msg answered with {answer.Type}, not COMMAND_DONE";
        }
        catch (Exception error)
        {
            // Fire-and-forget by design (QMI requests overlap as on cdc-wdm): nothing awaits this task,
            // so every failure is recorded here; the QMI request itself times out on the QMI client's
            // side, with the QMI request's name.
            failure = $"QMI Msg failed: {error.GetType().Name}: {error.Message}";
        }
        Volatile.Write(ref lastQmiTransportFailure, failure);
        Interlocked.Increment(ref qmiTransportFailures);
    }

    internal void Forget(MbimQmiTransport transport) => Interlocked.CompareExchange(ref qmiTransport, null, transport);
}
