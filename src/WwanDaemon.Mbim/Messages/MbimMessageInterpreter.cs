using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Messages;

/// <summary>Builds COMMAND / COMMAND_DONE / INDICATE_STATUS messages from field values, and reads them back, through the declarations.</summary>
public static class MbimMessageInterpreter
{
    /// <summary>A query or set of a declared command.</summary>
    /// <exception cref="ArgumentException">Undeclared service or command, a kind the command does not support, or fields that do not fit.</exception>
    public static MbimCommand EncodeCommand(MbimDeclarations declarations, string service, string command, MbimCommandType type, uint transactionId, IReadOnlyList<QmiField> fields)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var (serviceId, declaration) = declarations.Find(service, command);
        var layout = (type == MbimCommandType.Query ? declaration.Query : declaration.Set)
            ?? throw new ArgumentException($"MBIM {service} '{command}' cannot be {(type == MbimCommandType.Query ? "queried" : "set")}", nameof(type));
        return new MbimCommand(transactionId, serviceId, declaration.Cid, type, MbimInformationBuffer.Encode(layout, fields));
    }

    /// <summary>The answer to a command; a failure without fields has an empty information buffer.</summary>
    /// <exception cref="ArgumentException">The request's command is not declared or declares no response.</exception>
    public static MbimCommandDone EncodeResponse(MbimDeclarations declarations, MbimCommand request, uint status, IReadOnlyList<QmiField> fields)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0 && status != MbimStatus.Success)
        {
            return new MbimCommandDone(request.TransactionId, request.Service, request.Cid, status, []);
        }
        var declaration = declarations.Find(request.Service, request.Cid)
            ?? throw new ArgumentException($"MBIM service {request.Service} CID {request.Cid} is not declared", nameof(request));
        var layout = declaration.Response ?? throw new ArgumentException($"MBIM '{declaration.Name}' declares no response", nameof(request));
        return new MbimCommandDone(request.TransactionId, request.Service, request.Cid, status, MbimInformationBuffer.Encode(layout, fields));
    }

    /// <summary>An unsolicited notification (transaction id 0).</summary>
    /// <exception cref="ArgumentException">Undeclared, or the command has no notification.</exception>
    public static MbimIndicateStatus EncodeNotification(MbimDeclarations declarations, string service, string command, IReadOnlyList<QmiField> fields)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var (serviceId, declaration) = declarations.Find(service, command);
        var layout = declaration.Notification ?? throw new ArgumentException($"MBIM {service} '{command}' has no notification", nameof(command));
        return new MbimIndicateStatus(0, serviceId, declaration.Cid, MbimInformationBuffer.Encode(layout, fields));
    }

    /// <summary>
    /// Interprets a message: COMMAND by its query or set layout, COMMAND_DONE by the response layout (a
    /// failure with an empty buffer has no fields), INDICATE_STATUS by the notification layout. Other
    /// message types, undeclared commands and kinds a command does not declare decode to no fields.
    /// </summary>
    /// <exception cref="MbimProtocolException">The information buffer does not match its declaration.</exception>
    public static MbimDecodedMessage Decode(MbimDeclarations declarations, MbimMessage message)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentNullException.ThrowIfNull(message);
        var (service, cid, buffer, kind) = message switch
        {
            MbimCommand command => (command.Service, command.Cid, command.InformationBuffer, command.CommandType == MbimCommandType.Query ? "query" : "set"),
            MbimCommandDone done => (done.Service, done.Cid, done.InformationBuffer, "response"),
            MbimIndicateStatus indication => (indication.Service, indication.Cid, indication.InformationBuffer, "notification"),
            _ => (Guid.Empty, 0u, Array.Empty<byte>(), ""),
        };
        if (kind.Length == 0)
        {
            return new MbimDecodedMessage(message, null, null, []);
        }
        var serviceName = declarations.ServiceName(service);
        var declaration = declarations.Find(service, cid);
        if (declaration is null)
        {
            return new MbimDecodedMessage(message, serviceName, null, []);
        }
        var layout = kind switch
        {
            "query" => declaration.Query,
            "set" => declaration.Set,
            "response" => declaration.Response,
            _ => declaration.Notification,
        };
        if (layout is null || (buffer.Length == 0 && message is MbimCommandDone { Status: not MbimStatus.Success }))
        {
            return new MbimDecodedMessage(message, serviceName, declaration.Name, []);
        }
        var fields = MbimInformationBuffer.Decode(layout, buffer, $"MBIM {serviceName} '{declaration.Name}' {kind} (transaction {message.TransactionId})");
        return new MbimDecodedMessage(message, serviceName, declaration.Name, fields);
    }
}
