using WwanDaemon.Cli.Formatting;
using WwanDaemon.Cli.Live;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.Cli.Commands;

/// <summary><c>wwanctl connect [MODEM] --apn APN ...</c>: ModemManager's Simple.Connect.</summary>
public static class ConnectCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public const string Help = $"""
        wwanctl connect - connect a modem to the mobile network

        Usage:
          wwanctl connect [MODEM] --apn APN [--ip-type ipv4|ipv6|ipv4v6] [--user USER --password PASSWORD]
                          [--auth pap|chap|pap,chap|none] [--allow-roaming] [--pin PIN] [--json] [--bus ADDRESS]

        Calls org.freedesktop.ModemManager1.Modem.Simple.Connect (as mmcli --simple-connect does),
        waits until the bearer is up (at most 120 s), and prints its network interface and IP settings.
        The settings are kept: wwan-daemon reconnects with them after a drop or a restart of the modem.

        Options:
          --apn APN          the access point name from your operator (letters, digits, '-', '_', '.')
          --ip-type TYPE     ipv4, ipv6 or ipv4v6 (default: the modem's choice)
          --user, --password credentials, when the operator wants them
          --auth METHODS     allowed authentication: none, pap, chap, mschap, mschapv2, eap (comma-separated)
          --allow-roaming    connect while roaming too (without it, roaming is refused)
          --pin PIN          unlock the SIM with this PIN first, if it is locked
        {LiveCommand.BusHelp}
        Exit status: 0 connected, 1 the connection failed (the message says why), 2 bad arguments,
        69 wwan-daemon is not running, 77 not allowed.

        Examples:
          wwanctl connect --apn internet
          wwanctl connect 1-6 --apn m2m.example --ip-type ipv4v6 --allow-roaming
        """;

    public static int Run(IReadOnlyList<string> args, LiveCommand.Context context) =>
        LiveCommand.Run("connect", Help, args, context, ["--apn", "--ip-type", "--user", "--password", "--auth", "--pin"], ["--allow-roaming"], 1,
            async (client, parsed) =>
            {
                var (modem, exit) = await LiveCommand.SelectAsync(client, parsed.Modem, context.Error).ConfigureAwait(false);
                if (modem is null)
                {
                    return exit;
                }
                var bearerPath = await client.ConnectAsync(modem.Path, Properties(parsed), Timeout).ConfigureAwait(false);
                var properties = await client.TryGetAllAsync(bearerPath, ModemManagerNames.Bearer).ConfigureAwait(false);
                var bearer = properties is null ? new BearerView(bearerPath, null, true, null, null) : BearerView.From(bearerPath, properties);
                if (!bearer.Connected)
                {
                    // Connect answered, but the bearer dropped before it could be read: say so, with why.
                    var now = (await client.ReadAsync().ConfigureAwait(false)).Modems.FirstOrDefault(m => m.Path == modem.Path);
                    var why = now is null ? "the modem is gone" : $"the modem is {now.StateName}" + (now.StateReason is { } reason ? $" ({reason})" : "");
                    return ExitCodes.Fail(context.Error, ExitCodes.Failure, $"{modem.Label}: the connection did not stay up: {why}; see 'wwanctl status' and the daemon's log");
                }
                context.Output.Write(parsed.Json
                    ? ModemJsonFormatter.Write(ModemJsonFormatter.Bearer(bearer)) + "\n"
                    : $"{modem.Label}: connected\n" + ModemTextFormatter.Bearer(bearer));
                return ExitCodes.Ok;
            },
            Validate);

    /// <summary>Checks the options before anything is sent; the message names the field.</summary>
    public static string? Validate(CommandArguments parsed)
    {
        if (parsed.Value("--apn") is not { } apn)
        {
            return "connect needs --apn APN (the access point name from your operator, e.g. 'internet').";
        }
        if (InputValidation.CheckApn(apn) is { } badApn)
        {
            return badApn;
        }
        if (parsed.Value("--ip-type") is { } ipType && ModemManagerNames.IpFamily(ipType) is null)
        {
            return $"--ip-type: '{ipType}' is not one of ipv4, ipv6, ipv4v6.";
        }
        if (parsed.Value("--auth") is { } auth && ModemManagerNames.AllowedAuth(auth) is null)
        {
            return $"--auth: '{auth}' is not a comma-separated list of none, pap, chap, mschap, mschapv2, eap.";
        }
        if (parsed.Value("--password") is not null && parsed.Value("--user") is null)
        {
            return "--password needs --user too.";
        }
        foreach (var field in new[] { "--user", "--password" })
        {
            if (parsed.Value(field) is { } value && InputValidation.CheckCredential(value, field) is { } bad)
            {
                return bad;
            }
        }
        return parsed.Value("--pin") is { } pin ? InputValidation.CheckPin(pin, "--pin") : null;
    }

    /// <summary>Simple.Connect's a{sv} with ModemManager's keys and types (mm-simple-connect-properties.c).</summary>
    public static IReadOnlyList<KeyValuePair<string, DBusValue>> Properties(CommandArguments parsed)
    {
        var properties = new List<KeyValuePair<string, DBusValue>> { new("apn", DBusValue.String(parsed.Value("--apn")!)) };
        if (parsed.Value("--ip-type") is { } ipType)
        {
            properties.Add(new("ip-type", DBusValue.UInt32(ModemManagerNames.IpFamily(ipType)!.Value)));
        }
        if (parsed.Value("--user") is { } user)
        {
            properties.Add(new("user", DBusValue.String(user)));
        }
        if (parsed.Value("--password") is { } password)
        {
            properties.Add(new("password", DBusValue.String(password)));
        }
        if (parsed.Value("--auth") is { } auth)
        {
            properties.Add(new("allowed-auth", DBusValue.UInt32(ModemManagerNames.AllowedAuth(auth)!.Value)));
        }
        // Always sent: the daemon, as ModemManager, allows roaming when the key is missing, and the help promises
        // that only --allow-roaming connects while roaming.
        properties.Add(new("allow-roaming", DBusValue.Boolean(parsed.Flag("--allow-roaming"))));
        if (parsed.Value("--pin") is { } pin)
        {
            properties.Add(new("pin", DBusValue.String(pin)));
        }
        return properties;
    }
}
