using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi.Tests;

public sealed class ModemManagerErrorsTests
{
    // Names from /usr/include/ModemManager/ModemManager-errors.h (1.20): the D-Bus prefix and each error's nick.
    [Theory]
    [InlineData(ModemCommandError.UnknownModem, "org.freedesktop.ModemManager1.Error.Core.NotFound")]
    [InlineData(ModemCommandError.WrongState, "org.freedesktop.ModemManager1.Error.Core.WrongState")]
    [InlineData(ModemCommandError.IncorrectPin, "org.freedesktop.ModemManager1.Error.MobileEquipment.IncorrectPassword")]
    [InlineData(ModemCommandError.SimPinRequired, "org.freedesktop.ModemManager1.Error.MobileEquipment.SimPin")]
    [InlineData(ModemCommandError.SimPukRequired, "org.freedesktop.ModemManager1.Error.MobileEquipment.SimPuk")]
    [InlineData(ModemCommandError.SimMissing, "org.freedesktop.ModemManager1.Error.MobileEquipment.SimNotInserted")]
    [InlineData(ModemCommandError.InvalidArguments, "org.freedesktop.ModemManager1.Error.Core.InvalidArgs")]
    [InlineData(ModemCommandError.ConnectFailed, "org.freedesktop.ModemManager1.Error.Connection.NoCarrier")]
    [InlineData(ModemCommandError.NoNetwork, "org.freedesktop.ModemManager1.Error.MobileEquipment.NoNetwork")]
    [InlineData(ModemCommandError.Timeout, "org.freedesktop.ModemManager1.Error.MobileEquipment.NetworkTimeout")]
    [InlineData(ModemCommandError.Cancelled, "org.freedesktop.ModemManager1.Error.Core.Cancelled")]
    [InlineData(ModemCommandError.Failed, "org.freedesktop.ModemManager1.Error.Core.Failed")]
    public void For_EveryCommandError_ModemManagersName(ModemCommandError error, string name)
    {
        Assert.Equal(name, ModemManagerErrors.For(error));
    }

    [Fact]
    public void For_EveryCommandError_IsInTheTable()
    {
        // A new ModemCommandError must get its own row, not fall through to Core.Failed unnoticed.
        var mapped = Enum.GetValues<ModemCommandError>().Where(e => e != ModemCommandError.Failed).Select(ModemManagerErrors.For);

        Assert.DoesNotContain(ModemManagerErrors.Failed, mapped);
    }

    [Fact]
    public void ErrorNames_AreDeclaredInTheInstalledHeader()
    {
        var header = File.ReadAllText("/usr/include/ModemManager/ModemManager-errors.h");
        foreach (var error in Enum.GetValues<ModemCommandError>())
        {
            var name = ModemManagerErrors.For(error);
            var nick = name[(name.LastIndexOf('.') + 1)..];
            Assert.Matches($@"nick={nick}\s", header);
        }
    }
}
