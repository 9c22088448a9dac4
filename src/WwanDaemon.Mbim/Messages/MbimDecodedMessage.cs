using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Messages;

/// <summary>
/// A message with its information buffer interpreted through its declaration. Service and Command are
/// null when the service or CID is not declared (the message is kept, not fatal).
/// </summary>
public sealed record MbimDecodedMessage(MbimMessage Message, string? Service, string? Command, IReadOnlyList<QmiField> Fields)
{
    /// <summary>A field's value, or null when the message has no such field.</summary>
    public QmiValue? this[string name] => Fields.FirstOrDefault(f => f.Name == name)?.Value;

    /// <summary>The MBIM status of a COMMAND_DONE (null for other messages).</summary>
    public uint? Status => Message is MbimCommandDone done ? done.Status : null;

    /// <summary>"PinRequired", ... for a COMMAND_DONE.</summary>
    public string? StatusName => Status is { } status ? MbimStatus.Name(status) : null;

    public override string ToString() =>
        $"{Service ?? "?"} {Command ?? "?"} {Message.Type} [{string.Join(", ", Fields)}]{(Status is { } status ? " " + MbimStatus.Name(status) : "")}";
}
