using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Text;

/// <summary>
/// Collects a device as a reader walks its text top-down (device, configuration, association,
/// interface, endpoint) and builds the immutable model. Shared by every text reader so that each
/// reader is only the mapping from its format's fields.
/// </summary>
internal sealed class UsbModelBuilder
{
    private readonly List<ConfigurationBuilder> configurations = [];

    public UsbDevice Device { get; set; } = new() { VendorId = 0, ProductId = 0 };

    public bool HasIds { get; set; }

    public int? ActiveConfiguration { get; set; }

    private ConfigurationBuilder? CurrentConfiguration => configurations.Count > 0 ? configurations[^1] : null;

    private InterfaceBuilder? CurrentInterface => CurrentConfiguration is { Interfaces.Count: > 0 } c ? c.Interfaces[^1] : null;

    public int ConfigurationsSeen => configurations.Count;

    public void StartConfiguration(int value, byte attributes, int maxPowerMilliamps, bool active)
    {
        configurations.Add(new ConfigurationBuilder(value, attributes, maxPowerMilliamps));
        if (active)
        {
            ActiveConfiguration = value;
        }
    }

    public void AddAssociation(UsbInterfaceAssociation association, Func<string, Exception> error) =>
        (CurrentConfiguration ?? throw error("an interface association appears before any configuration")).Associations.Add(association);

    public void StartInterface(int number, int alternate, UsbClassTriple @class, string? driver, Func<string, Exception> error)
    {
        var configuration = CurrentConfiguration ?? throw error("an interface appears before any configuration");
        configuration.Interfaces.Add(new InterfaceBuilder(number, alternate, @class, driver));
    }

    public void AddEndpoint(UsbEndpoint endpoint, Func<string, Exception> error) =>
        (CurrentInterface ?? throw error("an endpoint appears before any interface")).Endpoints.Add(endpoint);

    public void UpdateCdc(Func<CdcFunctionalDescriptors, CdcFunctionalDescriptors> update, Func<string, Exception> error)
    {
        var @interface = CurrentInterface ?? throw error("a CDC functional descriptor appears before any interface");
        @interface.Cdc = update(@interface.Cdc ?? new CdcFunctionalDescriptors());
    }

    /// <summary>Edits the endpoint added last (lsusb prints an endpoint's fields one per line).</summary>
    public void UpdateLastEndpoint(Func<UsbEndpoint, UsbEndpoint> update, Func<string, Exception> error)
    {
        var endpoints = (CurrentInterface ?? throw error("an endpoint field appears before any interface")).Endpoints;
        if (endpoints.Count == 0)
        {
            throw error("an endpoint field appears before any endpoint");
        }
        endpoints[^1] = update(endpoints[^1]);
    }

    /// <summary>Edits the interface started last.</summary>
    public void UpdateLastInterface(Func<InterfaceBuilder, InterfaceBuilder> update, Func<string, Exception> error)
    {
        var interfaces = (CurrentConfiguration ?? throw error("an interface field appears before any configuration")).Interfaces;
        if (interfaces.Count == 0)
        {
            throw error("an interface field appears before any interface");
        }
        interfaces[^1] = update(interfaces[^1]);
    }

    /// <summary>Edits the configuration started last.</summary>
    public void UpdateLastConfiguration(Action<ConfigurationBuilder> update, Func<string, Exception> error) =>
        update(CurrentConfiguration ?? throw error("a configuration field appears before any configuration"));

    /// <summary>Edits the association added last.</summary>
    public void UpdateLastAssociation(Func<UsbInterfaceAssociation, UsbInterfaceAssociation> update, Func<string, Exception> error)
    {
        var associations = (CurrentConfiguration ?? throw error("an association field appears before any configuration")).Associations;
        if (associations.Count == 0)
        {
            throw error("an association field appears before any association");
        }
        associations[^1] = update(associations[^1]);
    }

    /// <summary>usb-devices lists interface directories in glob order (0, 1, 10, 11, 2, ...): put them in number order.</summary>
    public void SortInterfacesByNumber()
    {
        foreach (var configuration in configurations)
        {
            var sorted = configuration.Interfaces.OrderBy(i => i.Number).ThenBy(i => i.Alternate).ToArray();
            configuration.Interfaces.Clear();
            configuration.Interfaces.AddRange(sorted);
        }
    }

    public UsbDevice Build(bool driversKnown)
    {
        var built = configurations.Select(c => c.Build(driversKnown && c.Value == ActiveConfiguration)).ToEquatableList();
        return Device with
        {
            ActiveConfiguration = ActiveConfiguration,
            DriversKnown = driversKnown,
            Configurations = built,
            ConfigurationCount = Math.Max(Device.ConfigurationCount, built.Count),
        };
    }

    internal sealed class ConfigurationBuilder(int value, byte attributes, int maxPower)
    {
        public int Value { get; set; } = value;

        public byte Attributes { get; set; } = attributes;

        public int MaxPower { get; set; } = maxPower;

        public List<UsbInterfaceAssociation> Associations { get; } = [];

        public List<InterfaceBuilder> Interfaces { get; } = [];

        public UsbConfiguration Build(bool withDrivers) => new(
            Value,
            Attributes,
            MaxPower,
            Associations.ToEquatableList(),
            Interfaces.Select(i => new UsbInterface(i.Number, i.Alternate, i.Class, i.Endpoints.ToEquatableList(), withDrivers ? i.Driver : null, i.Cdc)).ToEquatableList());
    }

    internal sealed record InterfaceBuilder(int Number, int Alternate, UsbClassTriple Class, string? Driver)
    {
        public List<UsbEndpoint> Endpoints { get; } = [];

        public CdcFunctionalDescriptors? Cdc { get; set; }
    }
}
