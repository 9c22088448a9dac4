using System.Text;
using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Modem.Tests.Simulated;

/// <summary>
/// The few AT commands a probe sends, answered as a Qualcomm-based modem does (echo on until ATE0,
/// V.250 framing "\r\nOK\r\n"); everything else is ERROR. With <see cref="OnlyWithDtr"/> it is seed 002's
/// port that ignores every byte until DTR is raised. (The full simulated AT modem is the at-sim work;
/// this stands in for the probe's three commands.)
/// </summary>
public sealed class ScriptedAtPort : ISimulatedPort
{
    private readonly SimulatedDtrLine? dtr;
    private readonly List<string> heard = [];

    /// <param name="capabilities">What +GCAP answers, e.g. "+CGSM,+DS,+ES"; null answers ERROR.</param>
    /// <param name="dtr">When given, the port is silent while this line is low.</param>
    public ScriptedAtPort(string? capabilities = "+CGSM,+DS,+ES", SimulatedDtrLine? dtr = null)
    {
        Capabilities = capabilities;
        this.dtr = dtr;
    }

    public string? Capabilities { get; }

    public bool OnlyWithDtr => dtr is not null;

    /// <summary>The command lines it answered, in order.</summary>
    public IReadOnlyList<string> Answered
    {
        get
        {
            lock (heard)
            {
                return heard.ToArray();
            }
        }
    }

    public async Task ServeAsync(Stream port, CancellationToken cancellationToken)
    {
        var echo = true;
        var line = new StringBuilder();
        var buffer = new byte[256];
        int count;
        while ((count = await port.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                var b = buffer[i];
                if (dtr is { Raised: false })
                {
                    line.Clear(); // DTR low: the modem's UART ignores what it hears
                    continue;
                }
                if (b != '\r')
                {
                    line.Append((char)b);
                    continue;
                }
                var command = line.ToString().Trim();
                line.Clear();
                var reply = new StringBuilder();
                if (echo)
                {
                    reply.Append(command).Append('\r');
                }
                reply.Append(Answer(command, ref echo));
                lock (heard)
                {
                    heard.Add(command);
                }
                await port.WriteAsync(Encoding.ASCII.GetBytes(reply.ToString()), cancellationToken);
                await port.FlushAsync(cancellationToken);
            }
        }
    }

    private string Answer(string command, ref bool echo)
    {
        switch (command.ToUpperInvariant())
        {
            case "AT":
                return "\r\nOK\r\n";
            case "ATE0":
                echo = false;
                return "\r\nOK\r\n";
            case "AT+GCAP" when Capabilities is not null:
                return $"\r\n+GCAP: {Capabilities}\r\n\r\nOK\r\n";
            default:
                return "\r\nERROR\r\n";
        }
    }
}

/// <summary>
/// A simulated modem's DTR input. A pty has no modem-control lines, so a test's opener raises this in
/// process and says so (<see cref="Probing.DtrResult.Emulated"/>); nothing pretends a real line moved.
/// </summary>
public sealed class SimulatedDtrLine
{
    private int raised;

    public bool Raised => Volatile.Read(ref raised) != 0;

    public void Raise() => Volatile.Write(ref raised, 1);

    /// <summary>Drops the line again (a benchmark's next iteration starts as the modem was plugged in).</summary>
    public void Lower() => Volatile.Write(ref raised, 0);
}
