namespace Care.Cardio.Rhythm;

/// <summary>
/// Streams SDNN, RMSSD and pNN50 over consecutive fixed windows (5 minutes by default) from RR
/// intervals. Only normal-to-normal intervals count: 0.3–2 s and within 20 % of the previous
/// accepted interval (a common artefact and ectopic filter); a successive difference needs two
/// adjacent accepted intervals. O(1) memory, no allocation; not thread safe.
/// </summary>
public sealed class HrvAccumulator
{
    private const double MinNnSeconds = 0.3;
    private const double MaxNnSeconds = 2.0;
    private const double MaxChange = 0.2;

    private readonly long _windowSamples;
    private readonly double _fs;
    private long _windowStart;
    private int _n;
    private double _mean;
    private double _m2;
    private int _pairs;
    private double _sumSquaredDiff;
    private int _over50;
    private double _previousNn;  // last accepted NN, for the 20 % filter
    private bool _previousAdjacent; // the previous interval was accepted (so a successive difference exists)
    private int _rejectedRun;

    /// <summary>Creates an accumulator for a stream at <paramref name="samplingHz"/> with windows of <paramref name="window"/> (5 min by default).</summary>
    public HrvAccumulator(double samplingHz, TimeSpan? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplingHz);
        var w = window ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(w, TimeSpan.Zero);
        _fs = samplingHz;
        _windowSamples = (long)Math.Round(w.TotalSeconds * samplingHz);
    }

    /// <summary>Starts over at sample 0.</summary>
    public void Reset()
    {
        _windowStart = 0;
        ClearWindow();
        _previousNn = 0;
        _previousAdjacent = false;
        _rejectedRun = 0;
    }

    /// <summary>
    /// Adds the interval that ends with the beat at <paramref name="beatSample"/>. When that beat lies
    /// in a later window, the finished window's summary is returned first (in <paramref name="finished"/>).
    /// </summary>
    public bool Add(long beatSample, double rrSeconds, out HrvSummary finished)
    {
        var done = false;
        finished = default;
        if (beatSample >= _windowStart + _windowSamples)
        {
            finished = Summary(_windowStart + _windowSamples);
            done = true;
            _windowStart += (beatSample - _windowStart) / _windowSamples * _windowSamples;
            ClearWindow();
        }
        var accepted = rrSeconds >= MinNnSeconds && rrSeconds <= MaxNnSeconds
            && (_previousNn == 0 || Math.Abs(rrSeconds - _previousNn) <= MaxChange * _previousNn);
        if (!accepted)
        {
            _previousAdjacent = false;
            if (++_rejectedRun >= 3 && rrSeconds >= MinNnSeconds && rrSeconds <= MaxNnSeconds)
            {
                _previousNn = rrSeconds; // the rate really changed: re-anchor the filter
                _rejectedRun = 0;
            }
            return done;
        }
        _rejectedRun = 0;
        var ms = rrSeconds * 1000;
        _n++;
        var delta = ms - _mean;
        _mean += delta / _n;
        _m2 += delta * (ms - _mean);
        if (_previousAdjacent)
        {
            var diff = ms - _previousNn * 1000;
            _pairs++;
            _sumSquaredDiff += diff * diff;
            if (Math.Abs(diff) > 50)
            {
                _over50++;
            }
        }
        _previousNn = rrSeconds;
        _previousAdjacent = true;
        return done;
    }

    /// <summary>The summary of the window so far (for the end of a stream), ending at <paramref name="endSample"/>.</summary>
    public HrvSummary Summary(long endSample) => new(
        _windowStart,
        endSample,
        _n,
        _n > 0 ? _mean : double.NaN,
        _n > 1 ? Math.Sqrt(_m2 / (_n - 1)) : double.NaN,
        _pairs > 0 ? Math.Sqrt(_sumSquaredDiff / _pairs) : double.NaN,
        _pairs > 0 ? 100.0 * _over50 / _pairs : double.NaN,
        _n > 0 ? 60000 / _mean : double.NaN);

    /// <summary>Samples per window.</summary>
    public long WindowSamples => _windowSamples;

    /// <summary>The sampling rate, Hz.</summary>
    public double SamplingHz => _fs;

    private void ClearWindow()
    {
        _n = 0;
        _mean = 0;
        _m2 = 0;
        _pairs = 0;
        _sumSquaredDiff = 0;
        _over50 = 0;
    }
}
