namespace Care.Cardio.Detection;

/// <summary>
/// A streaming, causal, single-lead QRS detector after Pan and Tompkins (1985): band-pass,
/// slope, squared and integrated over 150 ms, with adaptive signal and noise levels, a 200 ms
/// refractory period, T-wave discrimination by slope and RR search-back. Works at any sampling
/// rate from 125 to 1000 Hz (filters and windows are designed for the rate at construction).
/// All memory (under 8 KB at 1000 Hz) is allocated at construction; <see cref="Process"/>
/// allocates nothing. Not thread safe: one instance per stream.
/// </summary>
public sealed partial class QrsDetector
{
    /// <summary>The lowest supported sampling rate, in Hz.</summary>
    public const double MinSamplingHz = 125;

    /// <summary>The highest supported sampling rate, in Hz.</summary>
    public const double MaxSamplingHz = 1000;

    private const int LearnedCapacity = 32;

    private readonly double _fs;
    private readonly int _derivativeLag;   // samples between the two points of the slope
    private readonly int _mwiLength;       // moving-window integration length
    private readonly int _refractory;      // no second QRS this soon
    private readonly int _tWaveWindow;     // a candidate this soon may be a T wave
    private readonly int _learning;        // initial learning period
    private readonly int _maxWait;         // a plateau confirms as a peak after this many samples
    private readonly int _fiducialDelay;   // band-pass group delay, in samples
    private readonly int _fiducialReach;   // the fiducial search starts this far before the energy window
    private readonly int _latencyBound;    // a peak is confirmed at the latest this long after its fiducial point
    private readonly int _minConfirm;      // ... and never sooner than this after the peak
    private readonly int _ringMask;
    private readonly float[] _slope;       // |slope| ring, for the fiducial point and T waves
    private readonly double[] _squares;    // moving-window integration ring
    private readonly double[] _band;       // the last _derivativeLag band-passed samples
    private readonly Candidate[] _learned; // candidates held during learning
    private readonly int[] _rr1;           // last 8 RR intervals
    private readonly int[] _rr2;           // last 8 RR intervals within the regular range
    private Biquad _highPass1;
    private Biquad _highPass2;
    private Biquad _lowPass1;
    private Biquad _lowPass2;
    private State _s;

    /// <summary>Creates a detector for one lead sampled at <paramref name="samplingHz"/> (125 to 1000 Hz).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside 125–1000 Hz or NaN.</exception>
    public QrsDetector(double samplingHz)
    {
        if (!(samplingHz >= MinSamplingHz && samplingHz <= MaxSamplingHz))
        {
            throw new ArgumentOutOfRangeException(nameof(samplingHz), samplingHz, "sampling rate must be 125 to 1000 Hz");
        }
        _fs = samplingHz;
        _derivativeLag = Math.Max(1, (int)Math.Round(DerivativeSeconds * samplingHz));
        _mwiLength = (int)Math.Round(IntegrationSeconds * samplingHz);
        _refractory = (int)Math.Round(RefractorySeconds * samplingHz);
        _tWaveWindow = (int)Math.Round(TWaveSeconds * samplingHz);
        _learning = (int)Math.Round(LearningSeconds * samplingHz);
        _maxWait = (int)Math.Round(MaxWaitSeconds * samplingHz);
        _fiducialReach = (int)Math.Round(FiducialReachSeconds * samplingHz);
        _latencyBound = (int)Math.Round(LatencyBoundSeconds * samplingHz);
        _minConfirm = Math.Max(1, (int)Math.Round(MinConfirmSeconds * samplingHz));
        var ring = 1;
        while (ring < _mwiLength + _derivativeLag + _fiducialReach + _maxWait + 8)
        {
            ring <<= 1;
        }
        _ringMask = ring - 1;
        _slope = new float[ring];
        _squares = new double[_mwiLength];
        _band = new double[_derivativeLag];
        _learned = new Candidate[LearnedCapacity];
        _rr1 = new int[8];
        _rr2 = new int[8];
        _highPass1 = Biquad.HighPass(HighCutHz, samplingHz);
        _highPass2 = _highPass1;
        _lowPass1 = Biquad.LowPass(LowCutHz, samplingHz);
        _lowPass2 = _lowPass1;
        var delay = 2 * _highPass1.GroupDelay(FiducialHz, samplingHz) + 2 * _lowPass1.GroupDelay(FiducialHz, samplingHz);
        _fiducialDelay = Math.Max(0, (int)Math.Round(delay));
        Reset();
    }

    /// <summary>The sampling rate this detector was built for, in Hz.</summary>
    public double SamplingHz => _fs;

    /// <summary>Bytes of state this detector holds (its arrays and fields), for footprint budgets.</summary>
    public int StateBytes =>
        _slope.Length * sizeof(float) + (_squares.Length + _band.Length) * sizeof(double)
        + _learned.Length * 48 + (_rr1.Length + _rr2.Length) * sizeof(int) + 4 * 56 + 256;

    /// <summary>Samples consumed since construction or the last <see cref="Reset"/>.</summary>
    public long SampleCount => _s.N;

    /// <summary>A destination length for <see cref="Process"/> that always suffices for <paramref name="samples"/> samples.</summary>
    public int MaxBeatsFor(int samples) => samples / _refractory + LearnedCapacity + 2;

    /// <summary>Forgets everything: the next sample is sample 0 of a new stream.</summary>
    public void Reset()
    {
        _highPass1.Reset();
        _highPass2.Reset();
        _lowPass1.Reset();
        _lowPass2.Reset();
        Array.Clear(_slope);
        Array.Clear(_squares);
        Array.Clear(_band);
        Array.Clear(_learned);
        Array.Clear(_rr1);
        Array.Clear(_rr2);
        _s = default;
    }

    /// <summary>
    /// Consumes <paramref name="samples"/> (any linear unit; mV typical; a NaN or infinite sample
    /// repeats the previous one) and writes the beats decided
    /// meanwhile to <paramref name="beats"/> in time order, returning how many were written.
    /// <see cref="MaxBeatsFor"/> gives a length that always suffices.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="beats"/> filled up before the samples were consumed.</exception>
    public int Process(ReadOnlySpan<float> samples, Span<DetectedBeat> beats)
    {
        var written = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            Step(samples[i], beats, ref written);
        }
        return written;
    }
}
