namespace WwanDaemon.Simulator.Modem;

/// <summary>A SIM card: state, PIN and PUK with their retry counters, identities.</summary>
public sealed record SimCard(SimState State, string Pin, string Puk, int PinRetries, int PukRetries, string Iccid, string Imsi)
{
    public const int DefaultPinRetries = 3;
    public const int DefaultPukRetries = 10;
}

public sealed partial class SimulatedModem
{
    /// <summary>Verifies PIN1: right → ready (and registration starts); wrong → one retry less, then PUK required.</summary>
    public Refusal? VerifyPin(string pin)
    {
        Refusal? refusal;
        bool registrationChanged;
        lock (gate)
        {
            if (Sim.State != SimState.PinRequired)
            {
                return new Refusal(Sim.State == SimState.PukRequired ? "PIN blocked: the PUK is required" : "no PIN is required");
            }
            var before = Registration;
            if (pin == Sim.Pin)
            {
                Sim = Sim with { State = SimState.Ready, PinRetries = SimCard.DefaultPinRetries };
                if (Mode == OperatingMode.Online)
                {
                    BeginRegistration();
                }
                refusal = null;
            }
            else
            {
                var left = Sim.PinRetries - 1;
                Sim = Sim with { PinRetries = left, State = left == 0 ? SimState.PukRequired : SimState.PinRequired };
                refusal = new Refusal("incorrect PIN");
            }
            registrationChanged = Registration != before;
        }
        Raise("sim");
        if (registrationChanged)
        {
            Raise("registration");
        }
        return refusal;
    }

    /// <summary>Unblocks with the PUK and sets a new PIN.</summary>
    public Refusal? UnblockPin(string puk, string newPin)
    {
        var wrongPuk = false;
        lock (gate)
        {
            if (Sim.State != SimState.PukRequired)
            {
                return new Refusal("the PIN is not blocked");
            }
            if (puk != Sim.Puk)
            {
                var left = Sim.PukRetries - 1;
                Sim = Sim with { PukRetries = left, State = left == 0 ? SimState.Blocked : SimState.PukRequired };
                wrongPuk = true;
            }
            else
            {
                Sim = Sim with { State = SimState.Ready, Pin = newPin, PinRetries = SimCard.DefaultPinRetries, PukRetries = SimCard.DefaultPukRetries };
                if (Mode == OperatingMode.Online)
                {
                    BeginRegistration();
                }
            }
        }
        Raise("sim");
        if (wrongPuk)
        {
            return new Refusal("incorrect PUK");
        }
        Raise("registration");
        return null;
    }
}
