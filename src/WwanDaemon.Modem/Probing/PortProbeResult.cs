namespace WwanDaemon.Modem.Probing;

/// <summary>What a port turned out to speak.</summary>
public enum PortProtocol
{
    /// <summary>It answered "AT" with OK.</summary>
    At,

    /// <summary>It answered a QMI CTL request.</summary>
    Qmi,

    /// <summary>It answered MBIM OPEN with OPEN_DONE (success).</summary>
    Mbim,

    /// <summary>It was opened and asked, and said nothing within the retry budget.</summary>
    Silent,

    /// <summary>It was deliberately not opened (DIAG, NMEA, ADB, reserved, or no protocol could be tried safely).</summary>
    Skipped,

    /// <summary>It could not be opened or asked (missing node, busy, I/O error); <see cref="PortProbeResult.Reason"/> says why.</summary>
    Failed,
}

/// <summary>One finding of a port's probe, with the step it was found in.</summary>
/// <param name="Step">Where in the walk.</param>
/// <param name="Text">What was seen or decided, for a person.</param>
/// <param name="Offset">When, from the start of this port's probe.</param>
public sealed record ProbeEvidence(PortProbeStep Step, string Text, TimeSpan Offset)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+{Offset.TotalMilliseconds:0} ms {Step}: {Text}");
}

/// <summary>What an AT port said while it was ranked.</summary>
/// <param name="DtrRaised">DTR had been raised (needs-dtr, or after a silent try) before the try that answered.</param>
/// <param name="EchoOff">ATE0 answered OK.</param>
/// <param name="Capabilities">The +GCAP list (e.g. +CGSM, +DS), empty when +GCAP failed or was not answered.</param>
/// <param name="AnsweredOnTry">Which "AT" try answered (1-based).</param>
public sealed record AtPortDetails(bool DtrRaised, bool EchoOff, IReadOnlyList<string> Capabilities, int AnsweredOnTry)
{
    /// <summary>Whether +GCAP lists the GSM/UMTS command set (+CGSM): a port that takes 27.007 commands.</summary>
    public bool HasGsmCommandSet => Capabilities.Contains("+CGSM", StringComparer.OrdinalIgnoreCase);
}

/// <summary>The result of probing one port.</summary>
/// <param name="Port">The port as given.</param>
/// <param name="Protocol">What it speaks (or why it is not known).</param>
/// <param name="Reason">One line: why this verdict (for skipped and failed ports, why it was not probed).</param>
/// <param name="Evidence">Every step's finding, in order.</param>
/// <param name="At">For an AT port, what ranking needs.</param>
/// <param name="Elapsed">How long its probe took (for logs and the benchmark, never asserted in tests).</param>
public sealed record PortProbeResult(
    ProbePort Port,
    PortProtocol Protocol,
    string Reason,
    IReadOnlyList<ProbeEvidence> Evidence,
    AtPortDetails? At,
    TimeSpan Elapsed);
