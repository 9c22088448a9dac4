namespace WwanDaemon.Usb.Model;

/// <summary>An interface association descriptor (USB 2.0 ECN "Interface Association Descriptors").</summary>
public sealed record UsbInterfaceAssociation(int FirstInterface, int InterfaceCount, UsbClassTriple Function)
{
    public bool Covers(int interfaceNumber) =>
        interfaceNumber >= FirstInterface && interfaceNumber < FirstInterface + InterfaceCount;
}

/// <summary>A configuration (USB 2.0 section 9.6.3) with every alternate setting of every interface.</summary>
/// <param name="Value">bConfigurationValue.</param>
/// <param name="Attributes">bmAttributes (0x80 always set; 0x40 self-powered; 0x20 remote wake-up).</param>
/// <param name="MaxPowerMilliamps">Maximum power in mA, as computed from bMaxPower for the device's speed.</param>
/// <param name="Associations">Interface association descriptors, in order.</param>
/// <param name="Interfaces">Every interface alternate setting, in descriptor order.</param>
public sealed record UsbConfiguration(
    int Value,
    byte Attributes,
    int MaxPowerMilliamps,
    EquatableList<UsbInterfaceAssociation> Associations,
    EquatableList<UsbInterface> Interfaces)
{
    /// <summary>The distinct interface numbers, ascending.</summary>
    public IReadOnlyList<int> InterfaceNumbers => Interfaces.Select(i => i.Number).Distinct().Order().ToArray();

    /// <summary>The alternate settings of one interface number.</summary>
    public IEnumerable<UsbInterface> AlternateSettings(int number) => Interfaces.Where(i => i.Number == number);

    /// <summary>
    /// The setting that tells what an interface is: the first alternate setting with endpoints
    /// (a CDC data interface has none in alt 0), else alt 0.
    /// </summary>
    public UsbInterface? Describing(int number) =>
        AlternateSettings(number).FirstOrDefault(i => i.Endpoints.Count > 0) ?? AlternateSettings(number).FirstOrDefault();

    /// <summary>The IAD that covers an interface, if any.</summary>
    public UsbInterfaceAssociation? AssociationOf(int number) => Associations.FirstOrDefault(a => a.Covers(number));
}
