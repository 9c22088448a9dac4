namespace WwanDaemon.Modem.Lifecycle;

/// <summary>
/// Where a modem's lifecycle is. Each step does one thing and names the next; the ModemManager
/// state clients see follows from the step (<see cref="ModemLifecycle"/>):
/// <code>
///  ReadIdentity → ReadSim ─┬─ SendPin ─┐             (PIN in the profile, or from a command)
///                          ├─ Locked   │             (PIN needed, none given: waits for a command)
///                          └───────────┴→ Enable → WaitForRegistration ─┬→ Connect → Connected   (a session is wanted)
///                                                                      └→ Registered             (idle: none wanted)
///  Connected ── registration lost ──→ WaitForRegistration
///  Connected ── session dropped ────→ Backoff → Connect
///  Connect ──── refused / timeout ──→ Backoff → Connect (delay doubles, bounded, with jitter)
///  Connect ──── explicit request refused ──→ the command fails; Backoff or Registered as before it
///  any ──────── port gone ──────────→ Failed (the supervisor re-probes or forgets the device)
///  any ──────── modem restarted ────→ Restarted (the supervisor opens the port again at once)
///
///  Commands (IModemCommands) wait on the command channel; every wait (Locked, WaitForRegistration,
///  Registered, Connected, Backoff, Disabled) wakes on one and goes to Command, which sets the desired
///  state (connection: auto from the profile / requested / off; radio on / off) and goes on:
///  Command ── Connect ───→ Connect (reconnecting first when connected with other settings),
///                          SendPin (locked, the request has a PIN), WaitForRegistration (not registered yet)
///  Command ── Disconnect → Registered (the session ended; no reconnect until the next Connect)
///  Command ── SendPin ───→ SendPin → ReadSim
///  Command ── disable ───→ Disable → Disabled ── enable ──→ Command → Enable → WaitForRegistration
///  Command ── refused ───→ back to the step it interrupted (the command fails, nothing changed)
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

    /// <summary>Registered and idle: no session is wanted (profile without auto-connect, or disconnected on request).</summary>
    Registered,
    Connect,
    Connected,
    Backoff,

    /// <summary>A command arrived during a wait: it is applied to the desired state, and the walk goes where that leads.</summary>
    Command,

    /// <summary>Turning the radio off on request.</summary>
    Disable,

    /// <summary>The radio is off on request; waits for a command.</summary>
    Disabled,
    Failed,
    Stopped,

    /// <summary>The modem restarted and forgot the daemon: the walk ended, its backend must be opened again.</summary>
    Restarted,
}
