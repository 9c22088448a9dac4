using System.Text;

namespace WwanDaemon.Cli.Tests;

/// <summary>
/// The output of a command that prints as it goes (watch), readable while it runs: a test waits for
/// the line it needs instead of sleeping and hoping the line has arrived by then.
/// </summary>
internal sealed class LiveOutput : TextWriter
{
    private readonly StringBuilder text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (text)
        {
            text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (text)
        {
            text.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (text)
        {
            text.Append(buffer, index, count);
        }
    }

    public override string ToString()
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    /// <summary>The complete lines printed so far.</summary>
    public string[] Lines()
    {
        var now = ToString();
        var end = now.LastIndexOf('\n');
        return end < 0 ? [] : now[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Returns once a complete line matches; fails naming <paramref name="what"/> and the output after <paramref name="timeout"/>.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Lines().Any(match))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no line within {timeout.TotalSeconds:0.#} s: {what}; printed so far:\n{this}");
            }
            await Task.Delay(20);
        }
    }
}
