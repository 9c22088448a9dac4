// Netlink sockets, network namespaces and udhcpc exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
