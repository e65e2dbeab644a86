namespace Care.Cardio.Rhythm;

/// <summary>
/// Atrial-fibrillation detection, beat by beat, for a patch. Each RR interval is judged on the 32
/// intervals centred on it: is a steady P wave before the beats (<see cref="AtrialActivity"/>, read
/// only after intervals of 0.7 s or more, since before a shorter one the atrial segment starts inside
/// the previous beat's T wave: then it is not AF), are the intervals irregular at every short lag (so
/// bigeminy and trigeminy, which repeat, are not AF), still irregular once premature–compensatory
/// pairs are set aside (so isolated ectopic beats are not AF), spread over many RR values (Shannon
/// entropy) and as random in their ups and downs as AF is (turning-point ratio)? An interval is then
/// labelled AF when most of the 129 judgements centred on it (64 either side) say AF; a majority
/// filter keeps the time of a change exactly, so an episode is dated from its first AF interval.
/// The label of an interval is therefore known <see cref="Delay"/> intervals after it (about a minute
/// at 80 beats/min), and the state reported is that of the interval <see cref="Delay"/> intervals
/// before the newest. Fixed memory, no allocation per beat; not thread safe.
/// </summary>
public sealed class AfDetector : IAfDetector
{
    /// <summary>RR intervals per analysis window.</summary>
    public const int Window = 32;

    /// <summary>Judgements either side of an interval in the majority that labels it.</summary>
    public const int Smoothing = 64;

    /// <summary>
    /// How far the label lags: the state refers to the interval that has been followed by this many
    /// newer accepted intervals (the window's later half and the majority's later half).
    /// </summary>
    public const int Delay = Window / 2 - 1 + Smoothing;

    private const int Votes = 2 * Smoothing + 1;
    private const double LagIrregularity = 0.08;  // median |RR(i) − RR(i−L)| / median RR, at every lag L = 1..3
    private const double CleanIrregularity = 0.08; // the same at lag 1, premature–compensatory pairs left out
    private const double Entropy = 0.55;          // Shannon entropy of RR in 1/16-median bins, normalised by ln(32)
    private const double TurningLow = 0.5;        // turning-point ratio of a random series: 2/3
    private const double TurningHigh = 0.8;
    private const double Premature = 0.85;        // an ectopic pair: RR < 85 % of the median, then > 110 %
    private const double Compensatory = 1.1;
    private const int Bins = 64;
    private const double SteadyAtrial = 0.6;       // median correlation with the atrial template: a P wave
    private const int MinAtrialBeats = 8;
    private const double MinAtrialRr = 0.7;       // 350 ms segment + a QT of about 350 ms

    private readonly float[] _rr = new float[Window];
    private readonly float[] _atrial = new float[Window];
    private readonly float[] _scratch = new float[Window];
    private readonly float[] _ordered = new float[Window];
    private readonly bool[] _ectopic = new bool[Window];
    private readonly int[] _bins = new int[Bins];
    private readonly AfMajorityVote _vote = new(Smoothing);
    private int _count;
    private int _next;

    /// <summary>True while the interval <see cref="Delay"/> accepted intervals before the newest is labelled atrial fibrillation.</summary>
    public bool InAf => _vote.InAf;

    int IAfDetector.Delay => Delay;

    /// <summary>Adds one interval (this detector ignores the beat classes).</summary>
    public bool Add(in AfInterval interval) => Add(interval.RrSeconds, interval.AtrialCorrelation);

    /// <summary>Bytes of state.</summary>
    public static int StateBytes => Window * 16 + Window + Bins * 4 + Votes + 32;

    /// <summary>True for an RR interval the detector uses: 0.2 to 3 s (not NaN).</summary>
    public static bool Accepts(double rrSeconds) => rrSeconds >= 0.2 && rrSeconds <= 3;

    /// <summary>Forgets all intervals and returns to "not AF".</summary>
    public void Reset()
    {
        Array.Clear(_rr);
        Array.Clear(_atrial);
        _vote.Reset();
        _count = 0;
        _next = 0;
    }

    /// <summary>
    /// Adds one RR interval in seconds with the atrial correlation of the beat that ends it (NaN when
    /// unknown); intervals outside 0.2–3 s, such as those spanning a gap in the signal, are ignored.
    /// Returns true when the label changed with it: the change applies from the interval
    /// <see cref="Delay"/> accepted intervals before this one.
    /// </summary>
    public bool Add(double rrSeconds, double atrialCorrelation = double.NaN)
    {
        if (!Accepts(rrSeconds))
        {
            return false;
        }
        _rr[_next] = (float)rrSeconds;
        _atrial[_next] = rrSeconds >= MinAtrialRr ? (float)atrialCorrelation : float.NaN;
        _next = (_next + 1) % Window;
        // The window votes once it is full.
        if (_count < Window && ++_count < Window)
        {
            return false;
        }
        return _vote.Add(WindowLooksLikeAf());
    }

    internal bool WindowLooksLikeAf()
    {
        // Atrial activity first: a steady P wave before most beats rules AF out.
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
        // Oldest first.
        for (var i = 0; i < Window; i++)
        {
            _ordered[i] = _rr[(_next + i) % Window];
        }
        var rr = _ordered.AsSpan();
        var median = Median(rr);
        for (var lag = 1; lag <= 3; lag++)
        {
            var n = 0;
            for (var i = lag; i < Window; i++)
            {
                _scratch[n++] = Math.Abs(rr[i] - rr[i - lag]);
            }
            if (Median(_scratch.AsSpan(0, n)) < LagIrregularity * median)
            {
                return false;
            }
        }
        Array.Clear(_ectopic);
        for (var i = 0; i + 1 < Window; i++)
        {
            if (rr[i] < Premature * median && rr[i + 1] > Compensatory * median)
            {
                _ectopic[i] = true;
                _ectopic[i + 1] = true;
            }
        }
        var clean = 0;
        for (var i = 1; i < Window; i++)
        {
            if (!_ectopic[i] && !_ectopic[i - 1])
            {
                _scratch[clean++] = Math.Abs(rr[i] - rr[i - 1]);
            }
        }
        if (clean < 6 || Median(_scratch.AsSpan(0, clean)) < CleanIrregularity * median)
        {
            return false;
        }
        var turning = 0;
        for (var i = 1; i + 1 < Window; i++)
        {
            if ((rr[i] - rr[i - 1]) * (rr[i + 1] - rr[i]) < 0)
            {
                turning++;
            }
        }
        var ratio = turning / (double)(Window - 2);
        if (ratio <= TurningLow || ratio >= TurningHigh)
        {
            return false;
        }
        Array.Clear(_bins);
        for (var i = 0; i < Window; i++)
        {
            _bins[Math.Min(Bins - 1, (int)(rr[i] / median * 16))]++;
        }
        double entropy = 0;
        foreach (var c in _bins)
        {
            if (c > 0)
            {
                var p = c / (double)Window;
                entropy -= p * Math.Log(p);
            }
        }
        return entropy / Math.Log(Window) > Entropy;
    }

    private static float Median(Span<float> values)
    {
        // Sorts a copy in place: allocation-free on a fixed scratch span.
        Span<float> copy = stackalloc float[values.Length];
        values.CopyTo(copy);
        copy.Sort();
        return copy.Length % 2 == 1 ? copy[copy.Length / 2] : 0.5f * (copy[copy.Length / 2 - 1] + copy[copy.Length / 2]);
    }
}
