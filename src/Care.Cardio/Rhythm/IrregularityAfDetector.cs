namespace Care.Cardio.Rhythm;

/// <summary>
/// Atrial-fibrillation detection from RR irregularity after ectopic-beat suppression, after
/// Petrėnas et al. (2015, Comput Biol Med 65:184) and Tateno &amp; Glass (2001): each RR interval is
/// judged on the 32 accepted intervals centred on it. Intervals that start or end at a beat classed
/// ventricular are left out (the premature and the compensatory interval, so ventricular ectopy
/// neither makes a sinus rhythm look irregular nor vetoes AF); of the remaining intervals in order,
/// the window says AF when more than <see cref="IrregularityAfSettings.AfFraction"/> of the
/// successive differences exceed <see cref="IrregularityAfSettings.DifferenceThreshold"/> of the
/// median RR (relative, so the decision does not move with heart rate or sampling rate), the
/// lag-2 differences are irregular too (bigeminy, which alternates, is not AF: Petrėnas's bigeminy
/// suppression), and — when <see cref="IrregularityAfSettings.AtrialVeto"/> — no steady P wave
/// precedes most beats (<see cref="AtrialActivity"/>, read only after intervals of 0.7 s or more so
/// that a T wave is not taken for a P wave). An interval is labelled AF when most of the 129
/// judgements centred on it say AF (a majority filter, which keeps the time of a change). The label
/// lags <see cref="Delay"/> accepted intervals (about a minute at 80 beats/min). Fixed memory, no
/// allocation per interval; not thread safe. A candidate scored by <c>care eval af --loo</c>; the
/// pipeline ships <see cref="AfDetector"/>, which has the better worst case held out (docs/validation.md).
/// </summary>
public sealed class IrregularityAfDetector : IAfDetector
{
    /// <summary>RR intervals per analysis window.</summary>
    public const int Window = 32;

    /// <summary>Judgements either side of an interval in the majority that labels it.</summary>
    public const int Smoothing = 64;

    private const int Votes = 2 * Smoothing + 1;
    private const int MinClean = 12;              // fewer intervals free of ventricular beats: no judgement (not AF)
    private const double SteadyAtrial = 0.6;      // median correlation with the atrial template: a P wave
    private const int MinAtrialBeats = 8;
    private const double MinAtrialRr = 0.7;       // 350 ms atrial segment + a QT of about 350 ms
    private const double Premature = 0.85;        // an ectopic pair by RR: under 85 % of the median, then over 110 %
    private const double Compensatory = 1.1;
    private const int MinDifferences = 6;

    private readonly IrregularityAfSettings _settings;
    private readonly float[] _rr = new float[Window];
    private readonly float[] _atrial = new float[Window];
    private readonly bool[] _skip = new bool[Window];
    private readonly bool[] _pair = new bool[Window];
    private readonly float[] _ordered = new float[Window];
    private readonly float[] _scratch = new float[Window];
    private readonly AfMajorityVote _vote = new(Smoothing);
    private int _count;
    private int _next;

    /// <summary>Creates a detector with <paramref name="settings"/> (thresholds in range, else <see cref="ArgumentOutOfRangeException"/>).</summary>
    public IrregularityAfDetector(IrregularityAfSettings settings)
    {
        settings.Validate();
        _settings = settings;
    }

    /// <summary>How far the label lags, in accepted intervals: the window's later half and the majority's later half.</summary>
    public static int LabelDelay => Window / 2 - 1 + Smoothing;

    /// <summary>Bytes of state.</summary>
    public static int StateBytes => Window * 18 + Votes + 64;

    /// <inheritdoc/>
    public int Delay => LabelDelay;

    /// <inheritdoc/>
    public bool InAf => _vote.InAf;

    /// <summary>The settings in use.</summary>
    public IrregularityAfSettings Settings => _settings;

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Clear(_rr);
        Array.Clear(_atrial);
        Array.Clear(_skip);
        _vote.Reset();
        _count = 0;
        _next = 0;
    }

    /// <inheritdoc/>
    public bool Add(in AfInterval interval)
    {
        if (!AfDetector.Accepts(interval.RrSeconds))
        {
            return false;
        }
        var skip = _settings.SkipVentricular && interval.TouchesVentricular;
        _rr[_next] = (float)interval.RrSeconds;
        _skip[_next] = skip;
        // The atrial segment before a ventricular beat says nothing about the atria's rhythm.
        _atrial[_next] = interval.RrSeconds >= MinAtrialRr && !interval.EndsAtVentricular ? (float)interval.AtrialCorrelation : float.NaN;
        _next = (_next + 1) % Window;
        // The window votes once it is full.
        if (_count < Window && ++_count < Window)
        {
            return false;
        }
        return _vote.Add(WindowLooksLikeAf());
    }

    private bool WindowLooksLikeAf()
    {
        if (_settings.AtrialVeto)
        {
            var known = 0;
            foreach (var c in _atrial)
            {
                if (!float.IsNaN(c))
                {
                    _scratch[known++] = c;
                }
            }
            if (known >= MinAtrialBeats && Median(_scratch.AsSpan(0, known)) >= SteadyAtrial)
            {
                return false;
            }
        }
        // The clean intervals, oldest first.
        var n = 0;
        for (var i = 0; i < Window; i++)
        {
            var k = (_next + i) % Window;
            if (!_skip[k])
            {
                _ordered[n++] = _rr[k];
            }
        }
        if (n < MinClean)
        {
            return false;
        }
        var rr = _ordered.AsSpan(0, n);
        var median = Median(rr);
        var limit = _settings.DifferenceThreshold * median;
        Array.Clear(_pair);
        if (_settings.SkipPrematurePairs)
        {
            for (var i = 0; i + 1 < n; i++)
            {
                if (rr[i] < Premature * median && rr[i + 1] > Compensatory * median)
                {
                    _pair[i] = true;
                    _pair[i + 1] = true;
                }
            }
        }
        int irregular = 0, differences = 0;
        for (var i = 1; i < n; i++)
        {
            if (!_pair[i] && !_pair[i - 1])
            {
                differences++;
                irregular += Math.Abs(rr[i] - rr[i - 1]) > limit ? 1 : 0;
            }
        }
        if (differences < MinDifferences || irregular <= _settings.AfFraction * differences)
        {
            return false;
        }
        // Bigeminy suppression: alternating intervals are regular at lag 2.
        var m = 0;
        for (var i = 2; i < n; i++)
        {
            _scratch[m++] = Math.Abs(rr[i] - rr[i - 2]);
        }
        return Median(_scratch.AsSpan(0, m)) > limit;
    }

    private static float Median(Span<float> values)
    {
        Span<float> copy = stackalloc float[values.Length];
        values.CopyTo(copy);
        copy.Sort();
        return copy.Length % 2 == 1 ? copy[copy.Length / 2] : 0.5f * (copy[copy.Length / 2 - 1] + copy[copy.Length / 2]);
    }
}
