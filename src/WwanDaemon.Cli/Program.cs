using WwanDaemon.Cli.Commands;

namespace WwanDaemon.Cli;

/// <summary>wwanctl: inspect and control cellular modems.</summary>
public static class Program
{
    public const string Usage = """
        wwanctl - inspect and control cellular (WWAN) modems

        Usage:
          wwanctl diagnose [FILE|-] [options]   explain a modem's USB composition and how to fix it
          wwanctl samples                       list the built-in sample dumps (the five seed threads)
          wwanctl --help                        this text

        Run 'wwanctl diagnose --help' for the diagnose options and examples.
        """;

    public static int Main(string[] args)
    {
        try
        {
            return Run(args, Console.In, Console.Out, Console.Error);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // A bug, not bad input (bad input exits 2 with a message): say so, with what to report.
            Console.Error.WriteLine($"wwanctl: internal error ({failure.GetType().Name}: {failure.Message}). Please report it with the input that caused it.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The whole program with its streams passed in, so tests run it in-process too.</summary>
    public static int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        return args[0] switch
        {
            "diagnose" => DiagnoseCommand.Run(args.Skip(1).ToArray(), input, output, error),
            "samples" => SamplesCommand.Run(output),
            _ => ExitCodes.UsageError(error, $"unknown command '{args[0]}'. Commands: diagnose, samples. See 'wwanctl --help'."),
        };
    }
}
