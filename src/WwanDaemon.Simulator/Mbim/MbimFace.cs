using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Simulator.Mbim;

/// <summary>Registration helpers shared by the faces: one handler per (basic-connect command, query or set).</summary>
internal static class MbimFace
{
    public static KeyValuePair<(string, string, MbimCommandType), MbimHandler> Query(string command, MbimHandler handler) =>
        new((SimulatedMbimPort.BasicConnectServiceName, command, MbimCommandType.Query), handler);

    public static KeyValuePair<(string, string, MbimCommandType), MbimHandler> Set(string command, MbimHandler handler) =>
        new((SimulatedMbimPort.BasicConnectServiceName, command, MbimCommandType.Set), handler);

    /// <summary>The integer value of a request field (enums and flags are integers in the value model).</summary>
    public static long Integer(MbimRequestContext context, string field) =>
        context.Request[field]?.AsInteger() ?? throw new ArgumentException($"the {context.Request.Command} request has no '{field}'");

    public static string Text(MbimRequestContext context, string field) =>
        context.Request[field]?.AsString() ?? throw new ArgumentException($"the {context.Request.Command} request has no '{field}'");
}
