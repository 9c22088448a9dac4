namespace WwanDaemon.Simulator.Modem;

/// <summary>
/// The modem left the bus and came back as <see cref="VendorId"/>:<see cref="ProductId"/> (a composition
/// switch and reboot). The ids are null for a profile without a USB identity: its ports still go.
/// </summary>
public sealed record UsbReenumeration(ushort? VendorId, ushort? PreviousProductId, ushort? ProductId)
{
    public override string ToString() => VendorId is { } vendor && ProductId is { } product
        ? $"the modem re-enumerated as {vendor:x4}:{product:x4}"
        : "the modem re-enumerated";
}

public sealed partial class SimulatedModem
{
    private ushort? switchedProductId;
    private ushort? storedProductId;

    /// <summary>The USB product id the modem enumerates with now; null for a profile without USB identity.</summary>
    public ushort? UsbProductId
    {
        get
        {
            lock (gate)
            {
                return switchedProductId ?? Profile.UsbProductId;
            }
        }
    }

    /// <summary>The product id the firmware will enumerate with after its next restart (a stored, not yet applied switch).</summary>
    public ushort? NextUsbProductId
    {
        get
        {
            lock (gate)
            {
                return storedProductId ?? switchedProductId ?? Profile.UsbProductId;
            }
        }
    }

    /// <summary>
    /// Raised when the modem drops off the bus to enumerate again, before its state restarts: every port of the old composition is gone (AT ports stop answering, as an unplugged
    /// tty does), and the fake sysfs tree rewrites the device with its new interfaces.
    /// </summary>
    public event Action<UsbReenumeration>? Reenumerated;

    /// <summary>Stores the composition for the next restart (SIMCom AT+CUSBPIDSWITCH=&lt;pid&gt;,1,0).</summary>
    public Refusal? StoreUsbComposition(ushort productId)
    {
        if (Profile.UsbVendorId is not { } vendor || !UsbCompositions.Has(vendor, productId))
        {
            return new Refusal($"the simulator has no USB composition for {Profile.UsbVendorId:x4}:{productId:x4}");
        }
        lock (gate)
        {
            storedProductId = productId;
        }
        return null;
    }

    /// <summary>
    /// The firmware restarts (SIMCom AT+CRESET, or a composition switch with reset): it leaves the bus,
    /// its state starts over (<see cref="Reset"/>), and it enumerates with the stored composition.
    /// </summary>
    public void Reenumerate()
    {
        UsbReenumeration reenumeration;
        lock (gate)
        {
            var previous = switchedProductId ?? Profile.UsbProductId;
            switchedProductId = storedProductId ?? previous;
            storedProductId = null;
            reenumeration = new UsbReenumeration(Profile.UsbVendorId, previous, switchedProductId);
        }
        Reenumerated?.Invoke(reenumeration);
        Reset();
    }
}
