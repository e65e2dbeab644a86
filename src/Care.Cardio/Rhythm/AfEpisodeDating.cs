namespace Care.Cardio.Rhythm;

/// <summary>
/// Feeds intervals to an <see cref="IAfDetector"/> and dates its delayed label changes to the start
/// of the interval they apply to (the detector's <see cref="IAfDetector.Delay"/> accepted intervals
/// back), collecting the AF episodes. Memory is fixed apart from the episode list; not thread safe.
/// </summary>
public sealed class AfEpisodeDating
{
    private readonly long[] _starts;
    private readonly int _delay;
    private readonly List<(long Start, long End)> _episodes = [];
    private long _accepted;
    private long _open = -1;

    /// <summary>Creates the dating for a detector whose labels lag <paramref name="delay"/> accepted intervals.</summary>
    public AfEpisodeDating(int delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        _delay = delay;
        _starts = new long[delay + 1];
    }

    /// <summary>
    /// Adds <paramref name="interval"/>, which starts at sample <paramref name="startSample"/>, to
    /// <paramref name="detector"/>; returns the sample from which a changed label holds, or −1 when
    /// the label did not change.
    /// </summary>
    public long Add(IAfDetector detector, in AfInterval interval, long startSample)
    {
        ArgumentNullException.ThrowIfNull(detector);
        if (AfDetector.Accepts(interval.RrSeconds))
        {
            _starts[_accepted++ % _starts.Length] = startSample;
        }
        if (!detector.Add(interval))
        {
            return -1;
        }
        var from = _starts[Math.Max(0, _accepted - 1 - _delay) % _starts.Length];
        if (detector.InAf)
        {
            _open = _open >= 0 ? _open : from;
        }
        else if (_open >= 0)
        {
            if (from > _open)
            {
                _episodes.Add((_open, from));
            }
            _open = -1;
        }
        return from;
    }

    /// <summary>The episodes so far, an open one closed at <paramref name="length"/> samples.</summary>
    public IReadOnlyList<(long Start, long End)> Episodes(long length) =>
        _open >= 0 && length > _open ? [.. _episodes, (_open, length)] : [.. _episodes];
}
