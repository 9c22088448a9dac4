namespace WwanDaemon.Simulator.Modem;

/// <summary>How the simulated radio is set (the QMI DMS operating modes the simulator supports).</summary>
public enum OperatingMode
{
    Online = 0,
    LowPower = 1,
    FactoryTest = 2,
    Offline = 3,
    Reset = 4,
    ShuttingDown = 5,
    PersistentLowPower = 6,
}

/// <summary>The SIM card's state.</summary>
public enum SimState
{
    Absent,
    PinRequired,
    PukRequired,
    Ready,
    Blocked,
}

/// <summary>Network registration as the modem reports it.</summary>
public enum RegistrationState
{
    NotRegistered,
    Searching,
    Home,
    Roaming,
    Denied,
}

/// <summary>
/// The state of a simulated modem, shared by its QMI (and later MBIM and AT) faces: identity, SIM,
/// radio, registration, signal and packet data sessions. Protocol handlers read and change it;
/// every change raises <see cref="Changed"/> so the faces can send indications.
/// </summary>
public sealed partial class SimulatedModem : IDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<uint, DataSession> sessions = [];
    private uint nextHandle = 0x1234_0001;
    private int nextHost = 2;
    private Timer? searchTimer;

    public SimulatedModem(ModemProfile profile)
    {
        Profile = profile;
        Sim = profile.Sim;
        Mode = profile.StartOnline && !profile.FccLocked ? OperatingMode.Online : OperatingMode.LowPower;
        FccLocked = profile.FccLocked;
        Signal = profile.Signal;
        Registration = RegistrationState.NotRegistered;
        if (Mode == OperatingMode.Online && Sim.State == SimState.Ready)
        {
            BeginRegistration();
        }
    }

    public ModemProfile Profile { get; }

    /// <summary>Raised after every state change, with what changed ("registration", "signal", "session", ...).</summary>
    public event Action<string>? Changed;

    public SimCard Sim { get; private set; }

    public OperatingMode Mode { get; private set; }

    public bool FccLocked { get; private set; }

    public RegistrationState Registration { get; private set; }

    public SignalQuality Signal { get; private set; }

    /// <summary>True: raw IP on the network interface; false: 802.3 (Ethernet) framing.</summary>
    public bool RawIp { get; private set; }

    public IReadOnlyList<DataSession> Sessions
    {
        get
        {
            lock (gate)
            {
                return sessions.Values.ToArray();
            }
        }
    }

    /// <summary>The result of a state-changing operation: null when it worked, else the reason.</summary>
    public sealed record Refusal(string Reason);

    /// <summary>
    /// Sets the radio mode. <see cref="OperatingMode.Reset"/> restarts the firmware (<see cref="Reset"/>),
    /// as QMI DMS Set Operating Mode "reset" does; going online is refused while the FCC lock holds.
    /// </summary>
    public Refusal? SetOperatingMode(OperatingMode mode)
    {
        if (mode == OperatingMode.Reset)
        {
            Reset();
            return null;
        }
        lock (gate)
        {
            if (mode == OperatingMode.Online && FccLocked)
            {
                return new Refusal("FCC lock: the radio stays off until FCC authentication");
            }
            Mode = mode;
            if (mode == OperatingMode.Online && Sim.State == SimState.Ready)
            {
                BeginRegistration();
            }
            else
            {
                Registration = RegistrationState.NotRegistered;
                sessions.Clear();
            }
        }
        Raise("operating-mode");
        Raise("registration");
        Raise("session");
        return null;
    }

    /// <summary>QMI DMS Set FCC Authentication (seed 003): lifts the lock.</summary>
    public void AuthenticateFcc()
    {
        lock (gate)
        {
            FccLocked = false;
        }
        Raise("fcc");
    }

    public void SetRawIp(bool rawIp)
    {
        lock (gate)
        {
            RawIp = rawIp;
        }
        Raise("data-format");
    }

    public void SetSignal(SignalQuality signal)
    {
        lock (gate)
        {
            Signal = signal;
        }
        Raise("signal");
    }

    /// <summary>Forces a registration state (for scripted scenarios: roaming, denied, lost coverage).</summary>
    public void SetRegistration(RegistrationState registration)
    {
        lock (gate)
        {
            Registration = registration;
            if (registration is not (RegistrationState.Home or RegistrationState.Roaming))
            {
                sessions.Clear();
            }
        }
        Raise("registration");
        Raise("session");
    }

    private void Raise(string what) => Changed?.Invoke(what);

    /// <summary>Stops a registration search in progress.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            searchTimer?.Dispose();
            searchTimer = null;
        }
    }

    /// <summary>
    /// The registration state machine: not registered → searching → the profile's outcome (home,
    /// roaming or denied) after <see cref="ModemProfile.SearchTime"/>. Called with the lock held.
    /// </summary>
    private void BeginRegistration()
    {
        if (Registration is RegistrationState.Home or RegistrationState.Roaming || Registration == RegistrationState.Searching)
        {
            return;
        }
        if (Profile.SearchTime <= TimeSpan.Zero)
        {
            Registration = Profile.RegistersAs;
            return;
        }
        Registration = RegistrationState.Searching;
        searchTimer?.Dispose();
        searchTimer = new Timer(_ => FinishSearch(), null, Profile.SearchTime, Timeout.InfiniteTimeSpan);
    }

    private void FinishSearch()
    {
        lock (gate)
        {
            if (Registration != RegistrationState.Searching)
            {
                return;
            }
            Registration = Profile.RegistersAs;
        }
        Raise("registration");
    }
}
