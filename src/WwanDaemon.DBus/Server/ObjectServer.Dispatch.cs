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
        IReadOnlyList<DBusValue> output;
        try
        {
            var arguments = DBusMessageReader.ReadAll(call);
            output = Handle(request, arguments);
        }
        catch (DBusErrorException error)
        {
            ReplyError(call, error.ErrorName, error.Message);
            return;
        }
        catch (Exception failure)
        {
            ReplyError(call, DBusErrorNames.Failed, $"{request.Interface}.{request.Member} at {request.Path} failed: {failure.Message}");
            return;
        }
        ReplyValues(call, output);
    }

    private IReadOnlyList<DBusValue> Handle(DBusRequest request, IReadOnlyList<DBusValue> arguments)
    {
        if (request.Interface == DBusStandardInterfaces.Introspectable && request.Member == "Introspect")
        {
            RequireSignature(request, "");
            return [DBusValue.String(IntrospectionXml.Build(request.Path, ObjectAt(request.Path), ChildNames(request.Path), request.Path == ObjectManagerPath))];
        }
        if (request.Interface == DBusStandardInterfaces.ObjectManager && request.Path == ObjectManagerPath && request.Member == "GetManagedObjects")
        {
            RequireSignature(request, "");
            return [GetManagedObjects()];
        }
        var interfaces = ObjectAt(request.Path)
            ?? throw new DBusErrorException(DBusErrorNames.UnknownObject, $"No object at {request.Path}");
        if (request.Interface == DBusStandardInterfaces.Properties)
        {
            return HandleProperties(request, interfaces, arguments);
        }
        var method = FindMethod(request, interfaces);
        RequireSignature(request, method.InSignature);
        var output = method.Handler(arguments);
        var outputSignature = string.Concat(output.Select(v => v.Signature));
        if (outputSignature != method.OutSignature)
        {
            throw new DBusErrorException(DBusErrorNames.Failed, $"{request.Interface}.{request.Member} at {request.Path} produced '{outputSignature}' instead of its declared '{method.OutSignature}'");
        }
        return output;
    }

    private static DBusMethod FindMethod(DBusRequest request, IReadOnlyList<DBusInterface> interfaces)
    {
        if (request.Interface is null)
        {
            // The interface field is optional on calls (D-Bus specification, "Message Format").
            return interfaces.SelectMany(i => i.Methods).FirstOrDefault(m => m.Name == request.Member)
                ?? throw new DBusErrorException(DBusErrorNames.UnknownMethod, $"No method {request.Member} on any interface at {request.Path}");
        }
        var declaration = interfaces.FirstOrDefault(i => i.Name == request.Interface)
            ?? throw new DBusErrorException(DBusErrorNames.UnknownInterface, $"No interface {request.Interface} at {request.Path}");
        return declaration.Methods.FirstOrDefault(m => m.Name == request.Member)
            ?? throw new DBusErrorException(DBusErrorNames.UnknownMethod, $"No method {request.Member} on {request.Interface} at {request.Path}");
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
}
