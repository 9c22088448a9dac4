namespace WwanDaemon.Simulator.Faults;

/// <summary>
/// Scripted faults of any protocol, applied in order to the requests they match, each a number of
/// times (a negative count never wears out). Thread-safe: tests add faults while a port serves. The
/// QMI, MBIM and AT fault scripts keep their own fault records and matching rules and share this.
/// </summary>
/// <typeparam name="TFault">The protocol's fault record.</typeparam>
public sealed class FaultQueue<TFault>
    where TFault : class
{
    private readonly Lock gate = new();
    private readonly List<(TFault Fault, int Left)> faults = [];

    /// <summary>Adds a fault after those already scripted.</summary>
    /// <exception cref="ArgumentException"><paramref name="times"/> is 0: such a fault would do nothing.</exception>
    public void Add(TFault fault, int times)
    {
        if (times == 0)
        {
            throw new ArgumentException("a fault that applies 0 times does nothing; use a positive count, or a negative one for 'always'", nameof(times));
        }
        lock (gate)
        {
            faults.Add((fault, times));
        }
    }

    /// <summary>The first fault that <paramref name="matches"/> the request, if any, counting it as used.</summary>
    public TFault? Take(Func<TFault, bool> matches)
    {
        lock (gate)
        {
            for (var i = 0; i < faults.Count; i++)
            {
                var (fault, left) = faults[i];
                if (!matches(fault))
                {
                    continue;
                }
                if (left > 0)
                {
                    faults[i] = (fault, left - 1);
                    if (left == 1)
                    {
                        faults.RemoveAt(i);
                    }
                }
                return fault;
            }
            return null;
        }
    }
}
