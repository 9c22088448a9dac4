using WwanDaemon.Network.Netlink;

namespace WwanDaemon.Network.Configuration;

/// <summary>The kernel refused a change to a network interface. The message names the interface, the operation, the errno and the fix.</summary>
public sealed class NetworkConfigurationException : Exception
{
    public NetworkConfigurationException(string networkInterface, string operation, int errno, string? kernelMessage = null)
        : base($"{networkInterface}: {operation} failed: {Errno.Name(errno)} ({errno}){(kernelMessage is null ? "" : $", the kernel says \"{kernelMessage}\"")}: {Errno.Fix(errno)}")
    {
        Interface = networkInterface;
        Operation = operation;
        ErrorNumber = errno;
    }

    public NetworkConfigurationException(string networkInterface, string operation, string reason, Exception? innerException = null)
        : base($"{networkInterface}: {operation} failed: {reason}", innerException)
    {
        Interface = networkInterface;
        Operation = operation;
    }

    public NetworkConfigurationException() { }

    public NetworkConfigurationException(string message) : base(message) { }

    public NetworkConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>"wwan0".</summary>
    public string? Interface { get; }

    /// <summary>"adding address 10.0.0.2/30".</summary>
    public string? Operation { get; }

    /// <summary>The kernel's errno (1 = EPERM), or 0 when the failure was not an errno.</summary>
    public int ErrorNumber { get; }
}
