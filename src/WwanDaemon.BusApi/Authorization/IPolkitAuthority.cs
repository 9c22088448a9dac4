namespace WwanDaemon.BusApi.Authorization;

/// <summary>polkit's Authority, asked about one bus caller and one action.</summary>
public interface IPolkitAuthority
{
    /// <summary>
    /// Whether polkit authorizes <paramref name="sender"/> (a unique bus name) for <paramref name="actionId"/>,
    /// or null when polkit is not on the bus (then the group decides).
    /// </summary>
    Task<bool?> CheckAsync(string sender, string actionId, CancellationToken cancellationToken);
}
