using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Tests;

/// <summary>Projects a model onto the fields that every descriptor source carries.</summary>
internal static class ModelComparison
{
    public static UsbDevice DescriptorsOnly(UsbDevice device, bool withoutEndpoints = false) => device with
    {
        BusPath = null,
        Speed = null,
        ActiveConfiguration = null,
        DriversKnown = false,
        Manufacturer = null,
        Product = null,
        SerialNumber = null,
        Configurations = device.Configurations.Select(c => c with
        {
            Interfaces = c.Interfaces.Select(i => i with { Driver = null, Cdc = null, Endpoints = withoutEndpoints ? EquatableList<UsbEndpoint>.Empty : i.Endpoints }).ToEquatableList(),
        }).ToEquatableList(),
    };
}

/// <summary>Names the first differences between two models, so a failed comparison says where.</summary>
internal static class ModelDifferences
{
    public static string Describe(UsbDevice a, UsbDevice b)
    {
        var differences = new List<string>();
        if ((a with { Configurations = EquatableList<UsbConfiguration>.Empty }) != (b with { Configurations = EquatableList<UsbConfiguration>.Empty }))
        {
            differences.Add($"device fields: {a with { Configurations = EquatableList<UsbConfiguration>.Empty }} vs {b with { Configurations = EquatableList<UsbConfiguration>.Empty }}");
        }
        foreach (var (x, y) in a.Configurations.Zip(b.Configurations))
        {
            if (x.Value != y.Value || x.Attributes != y.Attributes || x.MaxPowerMilliamps != y.MaxPowerMilliamps || !x.Associations.Equals(y.Associations))
            {
                differences.Add($"configuration {x.Value}: {x with { Interfaces = EquatableList<UsbInterface>.Empty }} vs {y with { Interfaces = EquatableList<UsbInterface>.Empty }}");
            }
            foreach (var (i, j) in x.Interfaces.Zip(y.Interfaces).Where(p => p.First != p.Second))
            {
                differences.Add($"interface {i.Number}.{i.AlternateSetting}: {i} [{i.Endpoints}] driver {i.Driver} vs {j} [{j.Endpoints}] driver {j.Driver}");
            }
            if (x.Interfaces.Count != y.Interfaces.Count)
            {
                differences.Add($"configuration {x.Value}: {x.Interfaces.Count} vs {y.Interfaces.Count} interface settings");
            }
        }
        return differences.Count == 0 ? "no differences" : string.Join("\n", differences);
    }
}
