using Care.Simulation.Vitals;

namespace Care.Simulation.Ecg;

/// <summary>
/// A synthetic single-lead ECG in the style of ECGSYN (McSharry, Clifford, Tarassenko and Smith,
/// IEEE Trans Biomed Eng 2003;50:289–294): a point runs round a limit cycle at angular velocity
/// 2π/RR, and the P, Q, R, S and T waves are Gaussian kernels at fixed angles on it, so the waveform
/// follows a beat-to-beat RR series with respiratory sinus arrhythmia and Mayer waves. On top:
/// baseline wander at the respiratory rate, muscle noise, mains interference, and occasional
/// arrhythmias — paroxysmal AF (irregular RR, no P wave, fibrillatory waves), premature ventricular
/// beats and short runs (wide tall QRS, no P wave, discordant T) and sinus pauses — recorded as
/// ground truth in <see cref="Episodes"/>. Deterministic per seed. Generation allocates nothing per
/// sample (only the truth lists grow, per beat when <c>recordBeats</c> is set). Not thread safe.
/// </summary>
public sealed partial class SyntheticEcg
{
    private const int Waves = 5;
    private const double TwoPi = 2 * Math.PI;

    private readonly SyntheticEcgOptions _options;
    private readonly Gaussian _random;
    private readonly double _fs;
    private readonly double _meanRrSeconds;
    private readonly double _hrFactor;
    private readonly double[] _current = new double[Waves * 3];
    private readonly double[] _next = new double[Waves * 3];
    private readonly List<long>? _beats;
    private readonly List<SyntheticBeatKind>? _kinds;
    private readonly List<SyntheticEcgEpisode> _episodes = [];
    private readonly double _wanderPhase;
    private long _sample;
    private double _r;
    private double _rrSamples;
    private SyntheticBeatKind _currentKind = SyntheticBeatKind.Sinus;
    private SyntheticBeatKind _nextKind = SyntheticBeatKind.Sinus;
    private long _afUntil = -1;
    private long _afStart = -1;
    private int _afBeats;
    private int _runLeft;
    private long _runStart = -1;
    private int _runBeats;
    private bool _compensate;
    private double _fPhase;

    /// <summary>Creates a stream drawn from <paramref name="seed"/>.</summary>
    /// <param name="options">What to draw (not null).</param>
    /// <param name="seed">The seed: the same seed and options give the same samples.</param>
    /// <param name="recordBeats">True to keep every beat's sample and kind in <see cref="Beats"/> (for tests).</param>
    /// <exception cref="ArgumentOutOfRangeException">The sampling or heart rate is out of range or NaN.</exception>
    public SyntheticEcg(SyntheticEcgOptions options, int seed, bool recordBeats = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.SamplingHz is >= 125 and <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SamplingHz, "the sampling rate must be 125–1000 Hz");
        }
        if (!(options.HeartRateBpm is >= 30 and <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.HeartRateBpm, "the heart rate must be 30–180 /min");
        }
        _options = options;
        _random = new Gaussian(new Random(seed));
        _fs = options.SamplingHz;
        _meanRrSeconds = 60 / options.HeartRateBpm;
        // ECGSYN: wave widths scale with sqrt(HR/60), the angles of P and T with its square root.
        _hrFactor = Math.Sqrt(options.HeartRateBpm / 60);
        _wanderPhase = _random.Uniform(0, TwoPi);
        if (recordBeats)
        {
            _beats = [];
            _kinds = [];
        }
        _rrSamples = _meanRrSeconds * _fs;
        // A virtual beat before the stream so that the first real R wave falls 0.6 s in, with its P wave.
        _r = (0.6 * _fs) - _rrSamples;
        Kernels(SyntheticBeatKind.Sinus, _current);
        Kernels(SyntheticBeatKind.Sinus, _next);
    }

    /// <summary>The sampling rate, Hz.</summary>
    public double SamplingHz => _fs;

    /// <summary>Samples generated so far.</summary>
    public long SampleCount => _sample;

    /// <summary>The R-wave samples of the beats drawn so far (empty unless <c>recordBeats</c> was set).</summary>
    public IReadOnlyList<long> Beats => (IReadOnlyList<long>?)_beats ?? [];

    /// <summary>The kinds of the beats in <see cref="Beats"/>.</summary>
    public IReadOnlyList<SyntheticBeatKind> BeatKinds => (IReadOnlyList<SyntheticBeatKind>?)_kinds ?? [];

    /// <summary>The arrhythmias drawn so far, each once its last beat is decided, in that order.</summary>
    public IReadOnlyList<SyntheticEcgEpisode> Episodes => _episodes;

    /// <summary>Fills <paramref name="destination"/> with the next samples, mV.</summary>
    public void Generate(Span<float> destination)
    {
        var o = _options;
        double wanderW = TwoPi * o.RespiratoryRatePerMinute / 60 / _fs;
        double mainsW = TwoPi * o.MainsHz / _fs;
        double fW = TwoPi * 6 / _fs;
        for (int i = 0; i < destination.Length; i++)
        {
            while (_sample >= _r + _rrSamples)
            {
                Advance();
            }
            double theta = TwoPi * (_sample - _r) / _rrSamples;
            // ECGSYN's kernels live in angle, so a beat's waves narrow as the RR interval shortens. A
            // ventricular beat's QRS lasts as long at any rate (it is conduction through the muscle), so
            // its kernels are held in time: scaled by mean RR / current RR (T by the square root, Bazett).
            double timeScale = _meanRrSeconds * _fs / _rrSamples;
            double v = Sum(_current, theta, _currentKind == SyntheticBeatKind.Ventricular ? timeScale : 1)
                + Sum(_next, theta - TwoPi, _nextKind == SyntheticBeatKind.Ventricular ? timeScale : 1);
            if (_currentKind == SyntheticBeatKind.AtrialFibrillation || _nextKind == SyntheticBeatKind.AtrialFibrillation)
            {
                // Fibrillatory waves: 4–8 Hz, about 0.05 mV, with a wandering frequency.
                _fPhase += fW * (1 + (0.3 * Math.Sin(_sample * 0.0007)));
                v += 0.05 * Math.Sin(_fPhase);
            }
            if (o.BaselineWanderMv > 0)
            {
                v += o.BaselineWanderMv * (Math.Sin((wanderW * _sample) + _wanderPhase) + (0.5 * Math.Sin((wanderW * 0.13 * _sample) + (2 * _wanderPhase))));
            }
            if (o.MainsMv > 0)
            {
                v += o.MainsMv * Math.Sin(mainsW * _sample);
            }
            if (o.MuscleNoiseMv > 0)
            {
                v += o.MuscleNoiseMv * _random.Next();
            }
            destination[i] = (float)v;
            _sample++;
        }
    }

    private static double Sum(double[] kernels, double theta, double timeScale)
    {
        double v = 0;
        for (int k = 0; k < kernels.Length; k += 3)
        {
            double scale = k == 3 * (Waves - 1) ? Math.Sqrt(timeScale) : timeScale;
            double d = theta - (kernels[k] * scale);
            double b = kernels[k + 2] * scale;
            if (d * d < 36 * b * b)
            {
                v += kernels[k + 1] * Math.Exp(-d * d / (2 * b * b));
            }
        }
        return v;
    }

    private void Kernels(SyntheticBeatKind kind, double[] into)
    {
        double f = _hrFactor, f2 = Math.Sqrt(_hrFactor);
        // ECGSYN angles (P −70°, Q −15°, R 0°, S 15°, T 100°) and widths (0.25, 0.1, 0.1, 0.1, 0.4 rad);
        // amplitudes set in mV for a typical chest lead.
        ReadOnlySpan<double> sinus = [-Math.PI / 3 * f2, 0.15, 0.25 * f, -Math.PI / 12 * f, -0.12, 0.1 * f, 0, 1.2, 0.1 * f, Math.PI / 12 * f, -0.3, 0.1 * f, Math.PI / 2 * f2, 0.3, 0.4 * f];
        // A ventricular beat: no P wave, a QRS about three times as wide and taller, a discordant T wave.
        ReadOnlySpan<double> ventricular = [0, 0, 1, -Math.PI / 8 * f, -0.25, 0.18 * f, 0.02, 1.6, 0.18 * f, Math.PI / 5 * f, -0.45, 0.22 * f, Math.PI / 1.8 * f2, -0.45, 0.45 * f];
        (kind == SyntheticBeatKind.Ventricular ? ventricular : sinus).CopyTo(into);
        if (kind == SyntheticBeatKind.AtrialFibrillation)
        {
            into[1] = 0;
        }
    }
}
