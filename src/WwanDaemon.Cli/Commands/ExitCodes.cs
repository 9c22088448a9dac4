namespace WwanDaemon.Cli.Commands;

/// <summary>wwanctl's exit statuses.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad arguments, or input that cannot be read (the message names the file and line).</summary>
    public const int Usage = 2;

    /// <summary>A bug in wwanctl (EX_SOFTWARE from sysexits.h).</summary>
    public const int InternalError = 70;

    public static int UsageError(TextWriter error, string message)
    {
        error.WriteLine("wwanctl: " + message);
        return Usage;
    }
}
