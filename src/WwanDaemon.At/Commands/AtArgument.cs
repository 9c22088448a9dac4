using System.Globalization;

namespace WwanDaemon.At.Commands;

/// <summary>
/// One argument of an extended command, already checked: constructing it is the validation, so an
/// <see cref="AtCommand"/> can only ever hold safe text.
/// </summary>
public sealed class AtArgument
{
    private AtArgument(string text) => Text = text;

    /// <summary>The argument as it appears on the command line.</summary>
    public string Text { get; }

    /// <summary>An omitted argument (two commas in a row).</summary>
    public static AtArgument Omitted { get; } = new("");

    public static AtArgument Number(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A string argument in double quotes; <paramref name="field"/> names it in the error.</summary>
    /// <exception cref="AtCommandRejectedException">The value could break out of the quotes.</exception>
    public static AtArgument Quoted(string value, string field)
    {
        AtInputValidator.CheckQuotable(field, value);
        return new($"\"{value}\"");
    }

    public static AtArgument Apn(string apn, string field = "APN")
    {
        AtInputValidator.CheckApn(field, apn);
        return new($"\"{apn}\"");
    }

    public static AtArgument Pin(string pin, string field = "PIN")
    {
        AtInputValidator.CheckPin(field, pin);
        return new($"\"{pin}\"");
    }

    public static AtArgument OperatorId(string plmn, string field = "operator id")
    {
        AtInputValidator.CheckOperatorId(field, plmn);
        return new($"\"{plmn}\"");
    }

    /// <summary>A bare word such as "usbnet" for firmwares that take it unquoted.</summary>
    public static AtArgument Token(string token, string field)
    {
        AtInputValidator.CheckToken(field, token);
        return new(token);
    }

    public override string ToString() => Text;
}
