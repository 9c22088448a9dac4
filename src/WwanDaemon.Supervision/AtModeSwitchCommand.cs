using System.Globalization;
using WwanDaemon.At.Commands;

namespace WwanDaemon.Supervision;

/// <summary>
/// A knowledge-base mode switch ("AT+CUSBPIDSWITCH=9001,1,1") as a checked <see cref="AtCommand"/>:
/// the name and each argument go through the AT builders, so even knowledge-base text cannot smuggle
/// a second command onto the line. Pure.
/// </summary>
public static class AtModeSwitchCommand
{
    /// <exception cref="FormatException">The text is not "AT" + name [ "=" arguments ]; the message quotes it.</exception>
    public static AtCommand Parse(string text)
    {
        if (!text.StartsWith("AT", StringComparison.OrdinalIgnoreCase) || text.Length < 3)
        {
            throw new FormatException($"mode switch '{text}': expected AT<name>[=<arguments>]");
        }
        var body = text[2..];
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return AtCommand.Execute(body);
        }
        var name = body[..equals];
        var arguments = body[(equals + 1)..].Split(',').Select(argument => Argument(text, argument)).ToArray();
        return AtCommand.Set(name, arguments);
    }

    private static AtArgument Argument(string text, string argument)
    {
        if (argument.Length >= 2 && argument[0] == '"' && argument[^1] == '"')
        {
            return AtArgument.Quoted(argument[1..^1], "mode switch argument");
        }
        return long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? AtArgument.Number(number)
            : throw new FormatException($"mode switch '{text}': argument '{argument}' is neither a number nor a quoted string");
    }
}
