namespace Care.Kiosk.Tests.Durable;

/// <summary>
/// Counts the points where a kiosk can die (journal writes before and after commit, hardware calls
/// after their effect, Hermes after storing and before answering) and kills it at the chosen one.
/// </summary>
internal sealed class Crasher
{
    private long _countdown;

    /// <summary>Points passed since the counter was created.</summary>
    public long Passed { get; private set; }

    /// <summary>Where the last crash happened.</summary>
    public string? LastCrash { get; private set; }

    /// <summary>Kills the kiosk at the <paramref name="point"/>-th point from now (1 = the next); 0 disarms.</summary>
    public void Arm(long point) => _countdown = point;

    public void Point(string where)
    {
        Passed++;
        if (_countdown > 0 && --_countdown == 0)
        {
            LastCrash = where;
            throw new KioskCrash(where);
        }
    }
}
