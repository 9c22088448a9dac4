using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Classification;

/// <summary>How sure a classification is.</summary>
public enum RoleEvidenceKind
{
    /// <summary>The knowledge base names this interface (a kernel table, ModemManager rule, vendor manual or report).</summary>
    KnowledgeBase,

    /// <summary>A standard class code says it (CDC MBIM, ECM, NCM, RNDIS, ACM, audio, storage).</summary>
    ClassCode,

    /// <summary>A vendor's own class codes say it (the knowledge base's vendorProtocols).</summary>
    VendorProtocol,

    /// <summary>The kernel bound a driver whose id table names it (qmi_wwan: QMI; a usb-serial driver: a tty).</summary>
    BoundDriver,

    /// <summary>Guessed from the endpoint shape; probing must confirm it.</summary>
    Heuristic,
}

/// <summary>One interface of a configuration with the role it carries and why we think so.</summary>
/// <param name="Number">bInterfaceNumber.</param>
/// <param name="Descriptor">The alternate setting that describes it.</param>
/// <param name="Role">What it carries.</param>
/// <param name="Evidence">How sure that is.</param>
/// <param name="Reason">Why, for a person.</param>
/// <param name="FunctionControl">For a CDC data interface, the control interface of its function.</param>
public sealed record ClassifiedInterface(
    int Number,
    UsbInterface Descriptor,
    InterfaceRole Role,
    RoleEvidenceKind Evidence,
    string Reason,
    int? FunctionControl = null);
