using System.Globalization;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Classification;

/// <summary>
/// Gives every interface of a configuration a role. In order of trust: the knowledge base's entry
/// for this interface number (unless the device numbers its functions dynamically), the knowledge
/// base's class-code rules for the device, standard class codes, the vendor's protocol codes, the
/// driver the kernel bound (or whose table takes it), and last the endpoint shape (QMI: vendor
/// ff/ff/ff with an interrupt IN and a bulk pair). Roles from the shape alone only suggest probing:
/// the planner never rebinds on them.
/// </summary>
public static class InterfaceClassifier
{
    public static IReadOnlyList<ClassifiedInterface> Classify(
        UsbDevice device, UsbConfiguration configuration, DeviceKnowledge? knowledge, KnowledgeBase.KnowledgeBase knowledgeBase)
    {
        var dynamic = knowledge?.HasQuirk("dynamic-interfaces") == true;
        var vendorProtocols = knowledgeBase.VendorProtocolsOf(device.VendorId);
        var result = new Dictionary<int, ClassifiedInterface>();
        foreach (var number in configuration.InterfaceNumbers)
        {
            var descriptor = configuration.Describing(number)!;
            result[number] = ClassifyOne(number, descriptor, configuration, knowledge, knowledgeBase, dynamic, vendorProtocols)
                ?? ByKernelDriver(device, number, descriptor, configuration, knowledge, knowledgeBase)
                ?? Heuristic(number, descriptor, configuration);
        }
        AssignDataInterfaces(configuration, result);
        return result.Values.OrderBy(i => i.Number).ToArray();
    }

    private static ClassifiedInterface? ClassifyOne(
        int number,
        UsbInterface descriptor,
        UsbConfiguration configuration,
        DeviceKnowledge? knowledge,
        KnowledgeBase.KnowledgeBase knowledgeBase,
        bool dynamic,
        IReadOnlyList<VendorProtocolEntry> vendorProtocols)
    {
        var triple = descriptor.Class;
        var vendorClass = triple.Class == UsbClassCodes.VendorSpecific;
        if (knowledge?.Roles.TryGetValue(number, out var known) == true
            && known.Role != InterfaceRole.Unknown
            && !(dynamic && vendorClass)
            && ClassCodeRules.Fits(known.Role, triple)
            && (descriptor.Endpoints.Count == 0 || ShapeAllows(known.Role.Name(), descriptor, configuration))
            && !ConflictsWithStandardClass(known.Role, triple))
        {
            return new(number, descriptor, known.Role, RoleEvidenceKind.KnowledgeBase, $"knowledge base: {knowledgeBase.Cite(known.Source)}");
        }
        if (knowledge?.ClassRoles.FirstOrDefault(c => ClassCodeMatch.Matches(c.Class, c.Subclass, c.Protocol, triple) && ShapeAllows(c.Role, descriptor, configuration)) is { } classRole
            && InterfaceRoles.TryParse(classRole.Role, out var byClass))
        {
            return new(number, descriptor, byClass, RoleEvidenceKind.KnowledgeBase, $"class codes {triple} on this device: {knowledgeBase.Cite(classRole.Source)}");
        }
        if ((ClassCodeRules.ControlRole(triple) ?? ClassCodeRules.OtherRole(triple)) is { } standard)
        {
            return new(number, descriptor, standard, RoleEvidenceKind.ClassCode, $"class codes {triple} ({standard.Describe()})");
        }
        if (vendorProtocols.FirstOrDefault(v => ClassCodeMatch.Matches(v.Class, v.Subclass, v.Protocol, triple) && ShapeAllows(v.Role, descriptor, configuration)) is { } vendorRule
            && InterfaceRoles.TryParse(vendorRule.Role, out var byVendor))
        {
            return new(number, descriptor, byVendor, RoleEvidenceKind.VendorProtocol, $"the vendor's class codes {triple}: {knowledgeBase.Cite(vendorRule.Source)}");
        }
        return null;
    }

    /// <summary>
    /// What the kernel did or would do says something too: qmi_wwan bound to a QMI-shaped interface
    /// (its table names it), or a usb-serial driver bound to it or whose table takes it (option's and
    /// qcserial's tables leave QMI interfaces out, so such an interface is a tty).
    /// </summary>
    private static ClassifiedInterface? ByKernelDriver(
        UsbDevice device, int number, UsbInterface descriptor, UsbConfiguration configuration, DeviceKnowledge? knowledge, KnowledgeBase.KnowledgeBase knowledgeBase)
    {
        if (descriptor.Class.Class != UsbClassCodes.VendorSpecific)
        {
            return null;
        }
        if (descriptor.Driver == "qmi_wwan" && descriptor.InterruptInCount > 0 && descriptor.HasBulkPair)
        {
            return new(number, descriptor, InterfaceRole.Qmi, RoleEvidenceKind.BoundDriver, "the kernel bound qmi_wwan to it (its id table names this interface) and it has QMI's endpoint shape");
        }
        if (descriptor.Driver is { } bound && KernelDrivers.IsSerialDriver(bound))
        {
            return new(number, descriptor, InterfaceRole.Serial, RoleEvidenceKind.BoundDriver, $"the kernel bound the serial driver {bound} to it: a tty to probe for AT");
        }
        if (KernelDrivers.Candidates(device, configuration, number, knowledge, knowledgeBase).FirstOrDefault(KernelDrivers.IsSerialDriver) is { } serial)
        {
            return new(number, descriptor, InterfaceRole.Serial, RoleEvidenceKind.BoundDriver, $"{serial}'s id table takes it: a tty to probe for AT");
        }
        return null;
    }

    /// <summary>A role the knowledge base gives by number must not override a standard CDC class (those are unambiguous).</summary>
    private static bool ConflictsWithStandardClass(InterfaceRole role, UsbClassTriple triple) =>
        ClassCodeRules.ControlRole(triple) is { } standard && standard != InterfaceRole.At && standard != role && role != InterfaceRole.Qmi;

    /// <summary>
    /// QMI needs an interrupt IN endpoint and a bulk pair (qmi_wwan's probe fails with -22 otherwise,
    /// as seed 004 shows for a table entry naming the wrong interface); QMI and DIAG share ff/ff/ff on
    /// dynamic-configuration modules and the DIAG one has no interrupt endpoint.
    /// </summary>
    private static bool ShapeAllows(string role, UsbInterface descriptor, UsbConfiguration configuration) => role switch
    {
        // QMI's bulk pair may sit on a following CDC data interface (Huawei's CDC-style QMI functions).
        "qmi" => descriptor.InterruptInCount > 0
            && (descriptor.HasBulkPair || configuration.Describing(descriptor.Number + 1) is { Class.Class: UsbClassCodes.CdcData, HasBulkPair: true }),
        "diag" => descriptor.InterruptInCount == 0 || descriptor.Endpoints.Count == 0,
        _ => true,
    };

    private static ClassifiedInterface Heuristic(int number, UsbInterface descriptor, UsbConfiguration configuration)
    {
        var triple = descriptor.Class;
        if (triple.Class != UsbClassCodes.VendorSpecific)
        {
            return new(number, descriptor, InterfaceRole.Unknown, RoleEvidenceKind.Heuristic, $"class codes {triple} name no modem function");
        }
        if (configuration.InterfaceNumbers.Count == 1 && descriptor.HasBulkPair && descriptor.InterruptInCount == 0)
        {
            return new(number, descriptor, InterfaceRole.FirmwareDownload, RoleEvidenceKind.Heuristic,
                "the only interface, vendor class with just a bulk pair: the shape of a Qualcomm download (QDL/EDL) mode");
        }
        if (triple is { Subclass: 0xff, Protocol: 0xff } && descriptor.InterruptInCount > 0 && descriptor.HasBulkPair)
        {
            return new(number, descriptor, InterfaceRole.Qmi, RoleEvidenceKind.Heuristic,
                "vendor class ff/ff/ff with an interrupt IN endpoint and a bulk pair: the shape of a QMI (rmnet) interface");
        }
        if (descriptor.HasBulkPair)
        {
            return new(number, descriptor, InterfaceRole.Serial, RoleEvidenceKind.Heuristic,
                string.Create(CultureInfo.InvariantCulture, $"vendor class {triple} with a bulk pair{(descriptor.InterruptInCount > 0 ? " and an interrupt endpoint (AT ports usually have one)" : "")}: a serial port to probe"));
        }
        if (descriptor.Endpoints.Count == 0 && triple.Subclass == 0xff && triple.Protocol == 0xff)
        {
            return new(number, descriptor, InterfaceRole.Unknown, RoleEvidenceKind.Heuristic, "vendor class ff/ff/ff; the dump lists no endpoints to tell QMI from a serial port");
        }
        return new(number, descriptor, descriptor.Endpoints.Count == 0 ? InterfaceRole.Serial : InterfaceRole.Unknown, RoleEvidenceKind.Heuristic,
            descriptor.Endpoints.Count == 0 ? $"vendor class {triple}; the dump lists no endpoints: a serial port to probe" : $"vendor class {triple} without a bulk pair");
    }

    /// <summary>
    /// CDC data interfaces (class 0a) belong to the control interface whose Union descriptor names
    /// them, or else to the control interface just before them (or the one their IAD groups them with).
    /// </summary>
    private static void AssignDataInterfaces(UsbConfiguration configuration, Dictionary<int, ClassifiedInterface> result)
    {
        foreach (var control in result.Values.ToArray())
        {
            if (ClassCodeRules.DataRoleFor(control.Role) is not { } dataRole)
            {
                continue;
            }
            var subordinates = control.Descriptor.Cdc?.Union?.SubordinateInterfaces.Select(b => (int)b).ToArray();
            var association = configuration.AssociationOf(control.Number);
            var candidates = subordinates is { Length: > 0 }
                ? subordinates
                : association is not null ? configuration.InterfaceNumbers.Where(n => association.Covers(n) && n != control.Number).ToArray()
                : [control.Number + 1];
            foreach (var number in candidates)
            {
                if (result.TryGetValue(number, out var data) && data.Descriptor.Class.Class == UsbClassCodes.CdcData)
                {
                    result[number] = data with
                    {
                        Role = dataRole,
                        Evidence = control.Evidence,
                        Reason = string.Create(CultureInfo.InvariantCulture, $"CDC data interface of the {ClassCodeRules.Name(control.Role)} function on interface {control.Number}"),
                        FunctionControl = control.Number,
                    };
                }
            }
        }
    }
}
