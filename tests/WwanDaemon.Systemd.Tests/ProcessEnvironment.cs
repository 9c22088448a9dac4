using System.Runtime.InteropServices;

namespace WwanDaemon.Systemd.Tests;

/// <summary>
/// Sets variables where libsystemd reads them: getenv(3) sees the C environment, which
/// Environment.SetEnvironmentVariable leaves alone on Linux; both are changed here.
/// </summary>
internal static partial class ProcessEnvironment
{
    public static void Set(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        var result = value is null ? UnsetEnvironment(name) : SetEnvironment(name, value, 1);
        if (result != 0)
        {
            throw new InvalidOperationException($"setenv/unsetenv({name}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnvironment(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int UnsetEnvironment(string name);
}

/// <summary>Tests that change process-wide environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
