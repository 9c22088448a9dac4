using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;

namespace WwanDaemon.Modem.Probing;

public sealed partial class PortProbe
{
    private AtChannel? atChannel;
    private bool dtrTried;
    private bool dtrRaised;
    private int answeredOnTry;
    private bool dtrRaisedBeforeAnswer;
    private bool echoOff;
    private IReadOnlyList<string> capabilities = [];

    /// <summary>Raises DTR once: before the first try (needs-dtr) or after a silent one. An unsupported line is noted, never faked.</summary>
    private PortProbeStep RaiseDtr()
    {
        dtrTried = true;
        var why = tries == 0 ? "the knowledge base says needs-dtr" : $"AT try {tries} was silent";
        var outcome = connection!.RaiseDataTerminalReady();
        dtrRaised = outcome.Raised;
        Note($"{why}: raising DTR: {outcome.Result} ({outcome.Detail})");
        return PortProbeStep.AtAttention;
    }

    /// <summary>"AT" with a short timeout, up to <see cref="ProbeBudget.AtTries"/> times; any final result means the port speaks AT.</summary>
    private async Task<PortProbeStep> AtAttentionAsync(CancellationToken token)
    {
        atChannel ??= AtChannel.Open(connection!.Stream, new AtChannelOptions { Name = port.Path, CommandTimeout = budget.AtTryTimeout });
        tries++;
        try
        {
            var response = await atChannel.SendAsync(AtCommand.Attention.WithTimeout(budget.AtTryTimeout), token).ConfigureAwait(false);
            answeredOnTry = tries;
            dtrRaisedBeforeAnswer = dtrRaised;
            Note($"AT try {tries}/{budget.AtTries}: {response.Final}{(dtrRaised ? " (DTR raised)" : "")}");
            Conclude(PortProtocol.At, $"answered AT on try {tries} of {budget.AtTries}{(dtrRaised ? " after DTR was raised" : "")}");
            return PortProbeStep.AtEchoOff;
        }
        catch (AtTimeoutException)
        {
            var noise = atChannel.OverlongLines + atChannel.StrayLines > 0
                ? $"; {atChannel.OverlongLines} overlong and {atChannel.StrayLines} stray lines (not AT)" : "";
            Note($"AT try {tries}/{budget.AtTries}: no final result within {budget.AtTryTimeout.TotalMilliseconds:0} ms{noise}");
        }
        if (tries >= budget.AtTries)
        {
            unanswered.Add($"{tries} AT tries of {budget.AtTryTimeout.TotalMilliseconds:0} ms{(dtrTried ? dtrRaised ? " (DTR raised)" : " (DTR could not be raised)" : "")}");
            return StartNextProtocol();
        }
        return !dtrTried && budget.RaiseDtrAfterSilentTry ? PortProbeStep.RaiseDtr : PortProbeStep.AtAttention;
    }

    /// <summary>ATE0: echo off for whoever uses the port next, and proof it takes more than "AT".</summary>
    private async Task<PortProbeStep> AtEchoOffAsync(CancellationToken token)
    {
        var response = await RankCommandAsync(AtCommand.Execute("E0"), token).ConfigureAwait(false);
        echoOff = response?.IsOk == true;
        return PortProbeStep.AtCapabilities;
    }

    /// <summary>
    /// AT+GCAP (V.250 §6.1.9): "+GCAP: +CGSM,+DS,+ES"; +CGSM marks a port that takes 27.007 commands.
    /// When "AT" answered only on try N &gt; 1, the tries before it may still be answered late, and AT has
    /// no transaction ids: each late OK is taken by the next command, shifting every answer by one (ATE0
    /// gets the late OK, AT+GCAP gets ATE0's). An OK without a "+GCAP:" line is then asked again, at
    /// most once per lapsed try, so +GCAP's own answer is read, not a stale one.
    /// </summary>
    private async Task<PortProbeStep> AtCapabilitiesAsync(CancellationToken token)
    {
        var response = await RankCommandAsync(AtCommand.Execute("+GCAP"), token).ConfigureAwait(false);
        for (var lapsed = answeredOnTry - 1; lapsed > 0 && response is { IsOk: true } && ParseCapabilities(response.Lines).Count == 0; lapsed--)
        {
            Note("AT+GCAP: OK without a +GCAP: line after a lapsed AT try, possibly that try's late answer; asking again");
            response = await RankCommandAsync(AtCommand.Execute("+GCAP"), token).ConfigureAwait(false);
        }
        if (response is { IsOk: true })
        {
            capabilities = ParseCapabilities(response.Lines);
        }
        return PortProbeStep.Done;
    }

    /// <summary>A ranking command, asked once: a timeout is evidence, not a failure (the port already answered AT).</summary>
    private async Task<AtResponse?> RankCommandAsync(AtCommand command, CancellationToken token)
    {
        try
        {
            var response = await atChannel!.SendAsync(command.WithTimeout(budget.AtRankTimeout), token).ConfigureAwait(false);
            Note($"{command.Text}: {string.Join(" | ", response.Lines.Append(response.Final.ToString()))}");
            return response;
        }
        catch (AtTimeoutException)
        {
            Note($"{command.Text}: no final result within {budget.AtRankTimeout.TotalMilliseconds:0} ms");
            return null;
        }
    }

    /// <summary>The capability list of a +GCAP answer; lines without the prefix are ignored.</summary>
    public static IReadOnlyList<string> ParseCapabilities(IEnumerable<string> lines) =>
        lines.Where(line => line.StartsWith("+GCAP:", StringComparison.OrdinalIgnoreCase))
            .SelectMany(line => line["+GCAP:".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray();

    private AtPortDetails? AtDetails() => verdict == PortProtocol.At
        ? new AtPortDetails(dtrRaisedBeforeAnswer, echoOff, capabilities, answeredOnTry)
        : null;
}
