using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Mbim;

/// <summary>
/// The one exception for malformed MBIM input: transfers, fragments, messages and information
/// buffers. When the problem is a fragment or a length, <see cref="Error"/> says which MBIM protocol
/// error the receiver should report (HOST_ERROR / FUNCTION_ERROR, MBIM 1.0 §9.4.6) and
/// <see cref="TransactionId"/> which message it concerns.
/// </summary>
public sealed class MbimProtocolException : Exception
{
    public MbimProtocolException()
    {
    }

    public MbimProtocolException(string message)
        : base(message)
    {
    }

    public MbimProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A malformed-input error that concerns one transaction.</summary>
    public MbimProtocolException(string message, uint? transactionId, MbimProtocolError error)
        : base(message)
    {
        TransactionId = transactionId;
        Error = error;
    }

    /// <summary>The transaction the broken bytes belong to, when the header could be read.</summary>
    public uint? TransactionId { get; }

    /// <summary>The MBIM protocol error to report; <see cref="MbimProtocolError.Unknown"/> when it is not a fragment or length problem.</summary>
    public MbimProtocolError Error { get; } = MbimProtocolError.Unknown;
}
