namespace WwanDaemon.Modem.Lifecycle;

/// <summary>
/// Where a modem's lifecycle is. Each step does one thing and names the next; the ModemManager
/// state clients see follows from the step (<see cref="ModemLifecycle"/>):
/// <code>
///  ReadIdentity → ReadSim ─┬─ SendPin ─┐             (PIN in the profile)
///                          ├─ Locked   │             (PIN needed, none given: waits for one)
///                          └───────────┴→ Enable → WaitForRegistration → Connect → Connected
///  Connected ── registration lost ──→ WaitForRegistration
///  Connected ── session dropped ────→ Backoff → Connect
///  Connect ──── refused / timeout ──→ Backoff → Connect (delay doubles, bounded, with jitter)
///  any ──────── port gone ──────────→ Failed (the supervisor re-probes or forgets the device)
///  any ──────── modem restarted ────→ Restarted (the supervisor opens the port again at once)
/// </code>
/// </summary>
public enum ModemStep
{
    ReadIdentity,
    ReadSim,
    SendPin,
    Locked,
    Enable,
    WaitForRegistration,
    Connect,
    Connected,
    Backoff,
    Disconnect,
    Failed,
    Stopped,

    /// <summary>The modem restarted and forgot the daemon: the walk ended, its backend must be opened again.</summary>
    Restarted,
}
