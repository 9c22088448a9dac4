using System.Globalization;
using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Planning;

/// <summary>
/// The sysfs writes that select the configuration and give each interface its driver
/// (Documentation/ABI/testing/sysfs-bus-usb: bConfigurationValue, drivers/X/bind, unbind, new_id).
/// </summary>
internal static class BindingActions
{
    private const string UnknownDevice = "<device>";

    private static readonly HashSet<string> SerialBusDrivers = new(StringComparer.Ordinal) { "option", "qcserial", "sierra", "usb_wwan", "zte_ev", "telit" };

    public static IEnumerable<PlanAction> For(UsbDevice device, ConfigurationAssessment chosen, IReadOnlyList<InterfacePlan> interfaces, bool isActive, CompositionPolicy policy)
    {
        var bus = device.BusPath ?? UnknownDevice;
        if (!isActive && policy != CompositionPolicy.Keep && device.Configurations.Count > 1)
        {
            var from = device.ActiveConfiguration is { } active ? $"configuration {active} is active" : "the dump does not say which configuration is active";
            yield return new PlanAction(PlanActionKind.SetConfiguration, null, null, $"/sys/bus/usb/devices/{bus}/bConfigurationValue",
                chosen.Value.ToString(CultureInfo.InvariantCulture),
                $"{from}; configuration {chosen.Value} offers {Offer(chosen)}. Select it at discovery: changing it after drivers have probed upsets some firmware.");
        }
        var knowsDrivers = isActive && device.DriversKnown;
        var newIdsWritten = new HashSet<string>(StringComparer.Ordinal);
        foreach (var @interface in interfaces.Where(i => i.Driver is not null))
        {
            var expected = @interface.Driver!;
            var name = $"{bus}:{chosen.Value}.{@interface.Number}";
            var owner = knowsDrivers ? @interface.BoundDriver : PredictedWrongOwner(@interface);
            var isData = @interface.Role is InterfaceRole.MbimData or InterfaceRole.EcmData or InterfaceRole.NcmData or InterfaceRole.RndisData;
            if (owner is not null && owner != expected)
            {
                yield return new PlanAction(PlanActionKind.Unbind, @interface.Number, owner, $"/sys/bus/usb/drivers/{owner}/unbind", name,
                    knowsDrivers
                        ? $"{owner} owns interface {@interface.Number}, which carries {@interface.Role.Describe()}"
                        : $"{owner}'s id table also matches interface {@interface.Number} ({@interface.Role.Describe()}) and takes it before {expected}");
            }
            var alreadyRight = knowsDrivers ? @interface.BoundDriver == expected : owner is null && @interface.KernelCandidates.Contains(expected);
            if (isData || alreadyRight)
            {
                continue; // a CDC data interface is claimed by the driver that binds its control interface
            }
            if (!@interface.KernelCandidates.Contains(expected) && newIdsWritten.Add(expected))
            {
                var classCode = @interface.Classification.Descriptor.Class.Class.ToString("x2", CultureInfo.InvariantCulture);
                yield return new PlanAction(PlanActionKind.NewId, @interface.Number, expected, NewIdPath(expected),
                    $"{device.VendorId:x4} {device.ProductId:x4} {classCode}",
                    $"{expected}'s id table does not name this device's interface {@interface.Number}; a dynamic id (vendor, product, interface class {classCode}) lets it probe, and the bind below picks interface {@interface.Number}");
            }
            yield return new PlanAction(PlanActionKind.Bind, @interface.Number, expected, $"/sys/bus/usb/drivers/{expected}/bind", name,
                $"interface {@interface.Number} carries {@interface.Role.Describe()}: {expected} should own it{(knowsDrivers && @interface.BoundDriver is null ? " and nothing does now (is the module loaded? modprobe " + expected + ")" : "")}");
        }
    }

    /// <summary>usb-serial drivers take dynamic ids on the usb-serial bus (option's is "option1").</summary>
    private static string NewIdPath(string driver) => SerialBusDrivers.Contains(driver)
        ? $"/sys/bus/usb-serial/drivers/{(driver == "option" ? "option1" : driver)}/new_id"
        : $"/sys/bus/usb/drivers/{driver}/new_id";

    /// <summary>
    /// After a configuration change the kernel binds whichever matching driver probes first. A
    /// serial driver whose table names the device takes network-function interfaces from the class
    /// drivers (seed 004: qcserial on MBIM interfaces), so that case is planned for explicitly.
    /// </summary>
    private static string? PredictedWrongOwner(InterfacePlan @interface) =>
        @interface.KernelCandidates.FirstOrDefault(c => c != @interface.Driver && SerialBusDrivers.Contains(c) && !@interface.Role.IsSerial());

    private static string Offer(ConfigurationAssessment assessment) => assessment.Control.Protocol switch
    {
        ControlProtocol.Qmi => $"QMI on interface {assessment.Control.Interface} ({assessment.NetDriver})",
        ControlProtocol.Mbim => $"MBIM on interface {assessment.Control.Interface} ({assessment.NetDriver})",
        _ => assessment.NetDriver == "none" ? "serial ports only" : $"a {assessment.NetDriver} network function",
    };
}
