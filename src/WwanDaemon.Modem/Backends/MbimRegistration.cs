using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Backends;

/// <summary>MBIM Register State (response or notification) → <see cref="NetworkStatus"/>. Pure.</summary>
public static class MbimRegistration
{
    /// <summary>MbimRegisterState: 0 unknown, 1 deregistered, 2 searching, 3 home, 4 roaming, 5 partner, 6 denied.</summary>
    public static NetworkStatus From(MbimDecodedMessage register)
    {
        var registration = register["RegisterState"]?.AsInteger() switch
        {
            1 => Registration.Idle,
            2 => Registration.Searching,
            3 => Registration.Home,
            4 or 5 => Registration.Roaming,
            6 => Registration.Denied,
            _ => Registration.Unknown,
        };
        var code = register["ProviderId"] is QmiString id && id.Value.Length > 0 ? id.Value : null;
        var name = register["ProviderName"] is QmiString provider && provider.Value.Length > 0 ? provider.Value : null;
        return new NetworkStatus(registration, code, name, null);
    }
}
