using System.Globalization;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Text;

public static partial class DevicesFileReader
{
    /// <summary>Maps the fields of one device's records onto the model builder.</summary>
    private sealed class DeviceBuilder(string sourceName, int firstLine)
    {
        private readonly UsbModelBuilder model = new();
        private bool sawStarredConfiguration;
        private int unstarredConfigurations;

        public DeviceTopology Topology { get; } = new();

        public bool HasDescriptor { get; private set; }

        /// <summary>Only topology or strings were seen: no identity, no configuration.</summary>
        public bool IsFragment => !model.HasIds && !HasDescriptor && model.ConfigurationsSeen == 0;

        public void Apply(char kind, bool active, IReadOnlyDictionary<string, string> fields, int line)
        {
            Exception Error(string message) => new UsbFormatException(sourceName, line, message);
            switch (kind)
            {
                case 'T':
                    Topology.Bus = OptionalDecimal(fields, "Bus");
                    Topology.Level = OptionalDecimal(fields, "Lev");
                    Topology.ParentNumber = OptionalDecimal(fields, "Prnt");
                    Topology.Port = OptionalDecimal(fields, "Port");
                    Topology.DeviceNumber = OptionalDecimal(fields, "Dev#");
                    model.Device = model.Device with { Speed = fields.GetValueOrDefault("Spd") };
                    break;
                case 'D':
                    HasDescriptor = true;
                    model.Device = model.Device with
                    {
                        UsbVersion = fields.GetValueOrDefault("Ver"),
                        DeviceClass = new UsbClassTriple(HexByte(fields, "Cls", Error), HexByte(fields, "Sub", Error), HexByte(fields, "Prot", Error)),
                        ConfigurationCount = Math.Min(OptionalDecimal(fields, "#Cfgs") ?? 0, 255),
                    };
                    break;
                case 'P':
                    model.HasIds = true;
                    model.Device = model.Device with
                    {
                        VendorId = (ushort)Hex(fields, "Vendor", 0xffff, Error),
                        ProductId = (ushort)Hex(fields, "ProdID", 0xffff, Error),
                        BcdDevice = fields.TryGetValue("Rev", out var rev) && DumpText.TryBcd(rev, out var bcd) ? bcd : (ushort)0,
                    };
                    break;
                case 'S':
                    ApplyString(fields);
                    break;
                case 'C':
                    var value = RequiredDecimal(fields, "Cfg#", Error, max: 255);
                    sawStarredConfiguration |= active;
                    unstarredConfigurations += active ? 0 : 1;
                    model.StartConfiguration(value, (byte)Hex(fields, "Atr", 0xff, Error), ParseMilliamps(fields.GetValueOrDefault("MxPwr")), active);
                    break;
                case 'A':
                    model.AddAssociation(
                        new UsbInterfaceAssociation(
                            RequiredNumber(fields, "FirstIf#", Error),
                            RequiredDecimal(fields, "IfCount", Error, max: 255),
                            new UsbClassTriple(HexByte(fields, "Cls", Error), HexByte(fields, "Sub", Error), HexByte(fields, "Prot", Error))),
                        Error);
                    break;
                case 'I':
                    var driver = fields.GetValueOrDefault("Driver");
                    model.StartInterface(
                        RequiredNumber(fields, "If#", Error),
                        Math.Clamp(OptionalDecimal(fields, "Alt") ?? 0, 0, 255),
                        new UsbClassTriple(HexByte(fields, "Cls", Error), HexByte(fields, "Sub", Error), HexByte(fields, "Prot", Error)),
                        driver is null or "(none)" or "" ? null : driver,
                        Error);
                    break;
                case 'E':
                    var type = ParseTransferType(fields.GetValueOrDefault("Atr"), Error);
                    model.AddEndpoint(
                        new UsbEndpoint(
                            (byte)Hex(fields, "Ad", 0xff, Error),
                            type,
                            RequiredDecimal(fields, "MxPS", Error, max: 0xffff),
                            EndpointIntervals.FromPeriod(fields.GetValueOrDefault("Ivl") ?? "0ms", type, model.Device.Speed)),
                        Error);
                    break;
            }
        }

        public UsbDevice Build()
        {
            if (!model.HasIds)
            {
                throw new UsbFormatException(sourceName, firstLine, "the device that starts here has no 'P:  Vendor=.... ProdID=....' line, so it cannot be identified");
            }
            // usb-devices prints only the active configuration and without a star.
            if (!sawStarredConfiguration && unstarredConfigurations == 1 && model.ConfigurationsSeen == 1)
            {
                model.SortInterfacesByNumber();
                model.ActiveConfiguration = null;
                model.UpdateLastConfiguration(c => model.ActiveConfiguration = c.Value, m => new UsbFormatException(sourceName, null, m));
            }
            model.Device = model.Device with { BusPath = Topology.BusPath };
            return model.Build(driversKnown: true);
        }

        private void ApplyString(IReadOnlyDictionary<string, string> fields)
        {
            foreach (var (key, value) in fields)
            {
                model.Device = key switch
                {
                    "Manufacturer" => model.Device with { Manufacturer = value },
                    "Product" => model.Device with { Product = value },
                    "SerialNumber" => model.Device with { SerialNumber = value },
                    _ => model.Device,
                };
            }
        }

        private static int? OptionalDecimal(IReadOnlyDictionary<string, string> fields, string key) =>
            fields.TryGetValue(key, out var text) && DumpText.TryDecimal(text, out var value) ? value : null;

        private static int RequiredDecimal(IReadOnlyDictionary<string, string> fields, string key, Func<string, Exception> error, int max) =>
            fields.TryGetValue(key, out var text) && DumpText.TryDecimal(text, out var value) && value >= 0 && value <= max
                ? value
                : throw error($"'{key}=' is missing or not a decimal number from 0 to {max} ({(text is null ? "absent" : $"'{text}'")})");

        /// <summary>Interface numbers are decimal in debugfs and "0x4"-style hex in newer usb-devices.</summary>
        private static int RequiredNumber(IReadOnlyDictionary<string, string> fields, string key, Func<string, Exception> error)
        {
            if (fields.TryGetValue(key, out var text) && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && DumpText.TryHex(text, out var hex) && hex <= 255)
            {
                return hex;
            }
            return RequiredDecimal(fields, key, error, max: 255);
        }

        private static int Hex(IReadOnlyDictionary<string, string> fields, string key, int max, Func<string, Exception> error)
        {
            if (!fields.TryGetValue(key, out var text))
            {
                throw error($"'{key}=' is missing");
            }
            var digits = text.Split('(')[0];
            return DumpText.TryHex(digits, out var value) && value >= 0 && value <= max
                ? value
                : throw error($"'{key}={text}' is not a hexadecimal value up to 0x{max:x}");
        }

        private static byte HexByte(IReadOnlyDictionary<string, string> fields, string key, Func<string, Exception> error) =>
            (byte)Hex(fields, key, 0xff, error);

        private static int ParseMilliamps(string? text) =>
            text is not null && int.TryParse(text.TrimEnd('A', 'm'), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

        private static UsbTransferType ParseTransferType(string? text, Func<string, Exception> error) =>
            text is not null && DumpText.TryHex(text.Split('(')[0], out var attributes)
                ? (UsbTransferType)(attributes & 0x03)
                : throw error($"endpoint 'Atr=' is missing or not hexadecimal ('{text}')");
    }
}
