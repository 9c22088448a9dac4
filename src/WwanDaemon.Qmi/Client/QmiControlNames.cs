namespace WwanDaemon.Qmi.Client;

/// <summary>The CTL messages and TLVs the client itself uses, by their declared names (data/qmi/ctl.json).</summary>
internal static class QmiControlNames
{
    public const string AllocateCid = "Allocate CID";
    public const string ReleaseCid = "Release CID";
    public const string AllocateServiceTlv = "Service";
    public const string AllocationInfoTlv = "Allocation Info";
    public const string ReleaseInfoTlv = "Release Info";
}
