using System.Runtime.InteropServices;
using WwanDaemon.DBus.Native;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Server;

public sealed partial class ObjectServer
{
    private const byte MethodCallType = 1; // SD_BUS_MESSAGE_METHOD_CALL

    /// <summary>
    /// The fallback handler sd-bus calls on the bus thread for every method call to any path. Returns 1
    /// (handled: a reply or error was sent) for method calls and 0 otherwise. No exception may cross
    /// this boundary: each becomes an error reply.
    /// </summary>
    [UnmanagedCallersOnly]
    private static int OnMethodCall(IntPtr message, IntPtr userData, IntPtr returnError)
    {
        try
        {
            if (SdBus.MessageGetType(message, out var type) < 0 || type != MethodCallType)
            {
                return 0;
            }
            var server = (ObjectServer)GCHandle.FromIntPtr(userData).Target!;
            server.Dispatch(message);
            return 1;
        }
        catch (Exception failure)
        {
            // Dispatch replies to every failure it can; this is the last resort (e.g. the reply itself
            // could not be built). Returning a negative errno makes sd-bus reply with a generic error.
            Console.Error.WriteLine($"D-Bus: handling a method call failed: {failure}");
            return -5; // -EIO
        }
    }

    private void Dispatch(IntPtr call)
    {
        var request = new DBusRequest(
            Marshal.PtrToStringUTF8(SdBus.MessageGetPath(call)) ?? "/",
            Marshal.PtrToStringUTF8(SdBus.MessageGetInterface(call)),
            Marshal.PtrToStringUTF8(SdBus.MessageGetMember(call)) ?? "",
            Marshal.PtrToStringUTF8(SdBus.MessageGetSignature(call, 1)) ?? "");
        Answer answer;
        try
        {
            var arguments = DBusMessageReader.ReadAll(call);
            answer = Handle(request, arguments, call);
        }
        catch (Exception failure)
        {
            Reply(call, request, new Answer(failure));
            return;
        }
        if (answer.Pending is not { IsCompleted: false } pending)
        {
            Reply(call, request, answer);
            return;
        }
        // A deferred reply: the call must outlive this callback, so it is referenced until answered.
        SdBus.MessageRef(call);
        _ = ReplyWhenDoneAsync(call, request, answer, pending);
    }

    private async Task ReplyWhenDoneAsync(IntPtr call, DBusRequest request, Answer answer, ValueTask<IReadOnlyList<DBusValue>> pending)
    {
        Answer done;
        try
        {
            done = answer with { Pending = null, Values = await pending.ConfigureAwait(false) };
        }
        catch (Exception failure)
        {
            done = new Answer(failure);
        }
        try
        {
            await connection.InvokeAsync(() =>
            {
                try
                {
                    Reply(call, request, done);
                }
                finally
                {
                    SdBus.MessageUnref(call);
                }
            }).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The connection closed while the handler worked: nobody can be answered. The bus thread
            // has ended, so releasing the call here touches no live bus.
            SdBus.MessageUnref(call);
        }
    }

    /// <summary>Sends the method return, or the error the handler failed with (any exception other than <see cref="DBusErrorException"/> is Failed).</summary>
    private void Reply(IntPtr call, DBusRequest request, Answer answer)
    {
        try
        {
            if (answer.Failure is { } failure)
            {
                throw failure;
            }
            var output = answer.Pending is { } pending ? pending.Result : answer.Values!;
            var outputSignature = string.Concat(output.Select(v => v.Signature));
            if (answer.OutSignature is { } declared && outputSignature != declared)
            {
                throw new DBusErrorException(DBusErrorNames.Failed, $"{request.Interface}.{request.Member} at {request.Path} produced '{outputSignature}' instead of its declared '{declared}'");
            }
            ReplyValues(call, output);
        }
        catch (DBusErrorException error)
        {
            ReplyError(call, error.ErrorName, error.Message);
        }
        catch (Exception failure)
        {
            ReplyError(call, DBusErrorNames.Failed, $"{request.Interface}.{request.Member} at {request.Path} failed: {failure.Message}");
        }
    }

    private Answer Handle(DBusRequest request, IReadOnlyList<DBusValue> arguments, IntPtr call)
    {
        if (request.Interface == DBusStandardInterfaces.Introspectable && request.Member == "Introspect")
        {
            RequireSignature(request, "");
            return new Answer([DBusValue.String(IntrospectionXml.Build(request.Path, ObjectAt(request.Path), ChildNames(request.Path), request.Path == ObjectManagerPath))]);
        }
        if (request.Interface == DBusStandardInterfaces.ObjectManager && request.Path == ObjectManagerPath && request.Member == "GetManagedObjects")
        {
            RequireSignature(request, "");
            return new Answer([GetManagedObjects()]);
        }
        if (request.Interface == DBusStandardInterfaces.Peer)
        {
            return HandlePeer(request);
        }
        var interfaces = ObjectAt(request.Path)
            ?? throw new DBusErrorException(DBusErrorNames.UnknownObject, $"No object at {request.Path}");
        if (request.Interface == DBusStandardInterfaces.Properties)
        {
            return new Answer(HandleProperties(request, interfaces, arguments));
        }
        var (declaration, method) = FindMethod(request, interfaces);
        RequireSignature(request, method.InSignature);
        var pending = method.Handler(new DBusCall(request.Path, declaration.Name, request.Member, arguments, CallerOf(call)));
        return new Answer(Values: null) { Pending = pending, OutSignature = method.OutSignature };
    }

    /// <summary>org.freedesktop.DBus.Peer on every path: Ping and GetMachineId.</summary>
    private static Answer HandlePeer(DBusRequest request)
    {
        RequireSignature(request, "");
        return request.Member switch
        {
            "Ping" => new Answer([]),
            "GetMachineId" => new Answer([DBusValue.String(MachineId())]),
            _ => throw new DBusErrorException(DBusErrorNames.UnknownMethod, $"No method {request.Member} on {DBusStandardInterfaces.Peer}"),
        };
    }

    private static string MachineId()
    {
        try
        {
            return File.ReadAllText("/etc/machine-id").Trim();
        }
        catch (IOException error)
        {
            throw new DBusErrorException(DBusErrorNames.Failed, $"/etc/machine-id cannot be read: {error.Message}");
        }
    }

    /// <summary>
    /// The caller's credentials, asked of the bus when the message does not carry them
    /// (SD_BUS_CREDS_AUGMENT: a synchronous GetConnectionCredentials on dbus-daemon). Missing fields stay null.
    /// </summary>
    private static DBusCaller CallerOf(IntPtr call)
    {
        var sender = Marshal.PtrToStringUTF8(SdBus.MessageGetSender(call)) ?? "";
        if (SdBus.QuerySenderCreds(call, SdBus.CredsPid | SdBus.CredsUid | SdBus.CredsEuid | SdBus.CredsAugment, out var creds) < 0)
        {
            return new DBusCaller(sender, null, null);
        }
        try
        {
            uint? uid = SdBus.CredsGetEuid(creds, out var euid) >= 0 ? euid : SdBus.CredsGetUid(creds, out var realUid) >= 0 ? realUid : null;
            int? pid = SdBus.CredsGetPid(creds, out var processId) >= 0 ? processId : null;
            return new DBusCaller(sender, uid, pid);
        }
        finally
        {
            SdBus.CredsUnref(creds);
        }
    }

    private static (DBusInterface Declaration, DBusMethod Method) FindMethod(DBusRequest request, IReadOnlyList<DBusInterface> interfaces)
    {
        if (request.Interface is null)
        {
            // The interface field is optional on calls (D-Bus specification, "Message Format").
            return interfaces.SelectMany(i => i.Methods.Select(m => (i, m))).FirstOrDefault(pair => pair.m.Name == request.Member) is { i: not null } found
                ? found
                : throw new DBusErrorException(DBusErrorNames.UnknownMethod, $"No method {request.Member} on any interface at {request.Path}");
        }
        var declaration = interfaces.FirstOrDefault(i => i.Name == request.Interface)
            ?? throw new DBusErrorException(DBusErrorNames.UnknownInterface, $"No interface {request.Interface} at {request.Path}");
        var method = declaration.Methods.FirstOrDefault(m => m.Name == request.Member)
            ?? throw new DBusErrorException(DBusErrorNames.UnknownMethod, $"No method {request.Member} on {request.Interface} at {request.Path}");
        return (declaration, method);
    }

    private static void RequireSignature(DBusRequest request, string expected)
    {
        if (request.Signature != expected)
        {
            throw new DBusErrorException(DBusErrorNames.InvalidArgs, $"{request.Interface}.{request.Member} takes '{expected}', not '{request.Signature}'");
        }
    }

    private IReadOnlyList<DBusInterface>? ObjectAt(string path) => objects.GetValueOrDefault(path);

    /// <summary>The names of the next path elements below <paramref name="path"/> that lead to exported objects.</summary>
    private List<string> ChildNames(string path) =>
        objects.Keys.Where(p => p != path && IsBelow(p, path))
            .Select(p => p[(path == "/" ? 1 : path.Length + 1)..].Split('/')[0])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private void ReplyValues(IntPtr call, IReadOnlyList<DBusValue> values)
    {
        Check(SdBus.NewMethodReturn(call, out var reply), "building a method reply");
        try
        {
            foreach (var value in values)
            {
                DBusMessageWriter.Append(reply, value);
            }
            Check(SdBus.Send(connection.Bus, reply, IntPtr.Zero), "sending a method reply");
        }
        finally
        {
            SdBus.MessageUnref(reply);
        }
    }

    private static void ReplyError(IntPtr call, string name, string message)
    {
        var error = new SdBus.Error
        {
            Name = Marshal.StringToCoTaskMemUTF8(name),
            Message = Marshal.StringToCoTaskMemUTF8(message),
        };
        try
        {
            Check(SdBus.ReplyMethodError(call, ref error), $"replying with {name}");
        }
        finally
        {
            Marshal.FreeCoTaskMem(error.Name);
            Marshal.FreeCoTaskMem(error.Message);
        }
    }

    private sealed record DBusRequest(string Path, string? Interface, string Member, string Signature);

    /// <summary>What a call is answered with: values now, a handler still working, or a failure.</summary>
    private sealed record Answer(IReadOnlyList<DBusValue>? Values, Exception? Failure = null)
    {
        public Answer(Exception failure)
            : this(null, failure)
        {
        }

        public ValueTask<IReadOnlyList<DBusValue>>? Pending { get; init; }

        /// <summary>The declared out signature the values must match, or null for the standard interfaces.</summary>
        public string? OutSignature { get; init; }
    }
}
