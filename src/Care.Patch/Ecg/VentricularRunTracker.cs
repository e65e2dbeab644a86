namespace Care.Patch.Ecg;

/// <summary>
/// Finds runs of ventricular beats in a stream of classed beats, tolerant of one misclassified
/// beat: a single non-V beat inside a run is bridged when it and the V beat after it both come at
/// the run's pace (RR at most <see cref="PaceTolerance"/> times the run's mean RR, the first V
/// beat's coupling interval included). Ventricular bigeminy (V, then a non-V beat after a
/// compensatory pause) is not a run: that pause is far longer than the V beat's coupling interval.
/// A run is reported when it spans at least <see cref="MinBeats"/> beats of which at least
/// <see cref="MinBeats"/> − 1 were classed V. Allocates nothing. Not thread safe.
/// </summary>
public sealed class VentricularRunTracker
{
    /// <summary>The fewest beats reported as a run (three: a salvo or non-sustained VT).</summary>
    public const int MinBeats = 3;

    /// <summary>The longest RR, relative to the run's mean RR, at which a beat still belongs to the run.</summary>
    public const double PaceTolerance = 1.25;

    private long _previous = -1;
    private long _start = -1;
    private long _end = -1;
    private int _beats;
    private int _ventricular;
    private long _rrSum;
    private int _rrCount;
    private long _gap = -1;
    private long _gapRr;

    /// <summary>A finished run: first and last V beat (samples) and the beats it spans.</summary>
    /// <param name="StartSample">The first V beat's sample.</param>
    /// <param name="EndSample">The last V beat's sample.</param>
    /// <param name="Beats">Beats in the run, a bridged beat included.</param>
    public readonly record struct Run(long StartSample, long EndSample, int Beats);

    /// <summary>Forgets the stream.</summary>
    public void Reset()
    {
        _previous = -1;
        Clear();
    }

    /// <summary>
    /// Adds the next beat (samples ascending; <paramref name="ventricular"/> when it was classed V)
    /// and returns the run that it ends, if any (a run is ended by two non-V beats in a row, or by one
    /// off the run's pace).
    /// </summary>
    public Run? Add(long sample, bool ventricular)
    {
        var rr = _previous < 0 ? -1 : sample - _previous;
        _previous = sample;
        if (ventricular)
        {
            if (_beats == 0)
            {
                Start(sample, rr);
                return null;
            }
            if (_gap >= 0 && !OnPace(rr))
            {
                // This beat is off the run's pace: the run ended before the gap; this beat starts another.
                var ended = Finish();
                Start(sample, rr);
                return ended;
            }
            if (_gap >= 0)
            {
                _beats++;
                AddRr(_gapRr);
                _gap = -1;
            }
            _beats++;
            _ventricular++;
            AddRr(rr);
            _end = sample;
            return null;
        }
        if (_beats == 0)
        {
            return null;
        }
        if (_gap < 0 && OnPace(rr))
        {
            (_gap, _gapRr) = (sample, rr);
            return null;
        }
        return Finish();
    }

    /// <summary>Ends the stream: returns a run in progress, if long enough.</summary>
    public Run? End() => _beats == 0 ? null : Finish();

    private void Start(long sample, long rr)
    {
        Clear();
        (_start, _end, _beats, _ventricular) = (sample, sample, 1, 1);
        AddRr(rr);
    }

    private bool OnPace(long rr) => rr > 0 && _rrCount > 0 && rr <= PaceTolerance * _rrSum / _rrCount;

    private void AddRr(long rr)
    {
        if (rr > 0)
        {
            _rrSum += rr;
            _rrCount++;
        }
    }

    private Run? Finish()
    {
        Run? run = _beats >= MinBeats && _ventricular >= MinBeats - 1 ? new Run(_start, _end, _beats) : null;
        Clear();
        return run;
    }

    private void Clear()
    {
        _start = _end = _gap = -1;
        _beats = _ventricular = _rrCount = 0;
        _rrSum = _gapRr = 0;
    }
}
