using System.Globalization;
using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Planning;

/// <summary>
/// The sysfs writes that select the configuration and give each interface its driver
/// (Documentation/ABI/testing/sysfs-bus-usb: bConfigurationValue, drivers/X/bind, unbind, new_id).
/// Order matters: every unbind comes first (a CDC driver claims its data interface while binding the
/// control interface, and fails with EBUSY if another driver still holds it), then dynamic ids, then binds.
/// Roles guessed from endpoint shapes alone never cause a write: probing confirms them first.
/// </summary>
internal static class BindingActions
{
    /// <summary>Stands for the bus path ("1-6") where the source does not tell it.</summary>
    public const string UnknownDevice = "DEVICE";

    public static IEnumerable<PlanAction> For(
        UsbDevice device, ConfigurationAssessment chosen, IReadOnlyList<InterfacePlan> interfaces, bool isActive, CompositionPolicy policy, bool known)
    {
        var bus = device.BusPath ?? UnknownDevice;
        var actions = new List<PlanAction>();
        if (!isActive && policy != CompositionPolicy.Keep && device.Configurations.Count > 1 && known)
        {
            var from = device.ActiveConfiguration is { } active ? $"configuration {active} is active" : "the dump does not say which configuration is active";
            actions.Add(new PlanAction(PlanActionKind.SetConfiguration, null, null, $"/sys/bus/usb/devices/{bus}/bConfigurationValue",
                chosen.Value.ToString(CultureInfo.InvariantCulture),
                $"{from}; configuration {chosen.Value} offers {Offer(chosen)}. Select it at discovery: changing it after drivers have probed upsets some firmware."));
        }
        var knowsDrivers = isActive && device.DriversKnown;
        var unbinds = new List<PlanAction>();
        var newIds = new List<PlanAction>();
        var binds = new List<PlanAction>();
        foreach (var @interface in interfaces.Where(i => i.Driver is not null && i.Classification.Evidence != RoleEvidenceKind.Heuristic))
        {
            var expected = @interface.Driver!;
            var name = $"{bus}:{chosen.Value}.{@interface.Number}";
            var owner = knowsDrivers ? @interface.BoundDriver : PredictedWrongOwner(@interface);
            if (owner is not null && owner != expected)
            {
                unbinds.Add(new PlanAction(PlanActionKind.Unbind, @interface.Number, owner, $"/sys/bus/usb/drivers/{owner}/unbind", name,
                    knowsDrivers
                        ? $"{owner} owns interface {@interface.Number}, which carries {@interface.Role.Describe()}"
                        : $"{owner}'s id table also matches interface {@interface.Number} ({@interface.Role.Describe()}) and takes it before {expected}"));
            }
            var alreadyRight = knowsDrivers ? @interface.BoundDriver == expected : owner is null && @interface.KernelCandidates.Contains(expected);
            if (@interface.Classification.FunctionControl is { } control && control != @interface.Number || alreadyRight)
            {
                continue; // a CDC data interface is claimed by the driver that binds its control interface
            }
            if (!@interface.KernelCandidates.Contains(expected) && newIds.All(n => n.Driver != expected))
            {
                var classCode = @interface.Classification.Descriptor.Class.Class.ToString("x2", CultureInfo.InvariantCulture);
                newIds.Add(new PlanAction(PlanActionKind.NewId, @interface.Number, expected, KernelDrivers.NewIdPath(expected),
                    $"{device.VendorId:x4} {device.ProductId:x4} {classCode}",
                    $"{expected}'s id table does not name this device; a dynamic id (vendor, product, interface class {classCode}) lets it probe. It cannot name an interface: {expected} may also take other unbound interfaces of class {classCode}, so the bind below names interface {@interface.Number} and anything taken wrongly must be unbound"));
            }
            binds.Add(new PlanAction(PlanActionKind.Bind, @interface.Number, expected, $"/sys/bus/usb/drivers/{expected}/bind", name,
                $"interface {@interface.Number} carries {@interface.Role.Describe()}: {expected} should own it{(knowsDrivers && @interface.BoundDriver is null ? " and nothing does now (is the module loaded? modprobe " + expected + ")" : "")}"));
        }
        return [.. actions, .. unbinds, .. newIds, .. binds];
    }

    /// <summary>
    /// After a configuration change the kernel binds whichever matching driver probes first. A
    /// serial driver whose table names the device takes network-function interfaces from the class
    /// drivers (seed 004: qcserial on MBIM interfaces), so that case is planned for explicitly.
    /// </summary>
    private static string? PredictedWrongOwner(InterfacePlan @interface) =>
        @interface.KernelCandidates.FirstOrDefault(c => c != @interface.Driver && KernelDrivers.IsSerialDriver(c) && !@interface.Role.IsSerial());

    public static string Offer(ConfigurationAssessment assessment) => assessment.Control.Protocol switch
    {
        ControlProtocol.Qmi => $"QMI on interface {assessment.Control.Interface} ({assessment.NetDriver})",
        ControlProtocol.Mbim => $"MBIM on interface {assessment.Control.Interface} ({assessment.NetDriver})",
        _ => assessment.NetDriver == "none" ? "serial ports only" : $"a {assessment.NetDriver} network function",
    };
}
