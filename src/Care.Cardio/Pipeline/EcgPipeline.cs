using Care.Cardio.Detection;
using Care.Cardio.Rhythm;

namespace Care.Cardio.Pipeline;

/// <summary>
/// The always-on ECG tier of a patch, one stream: QRS detection, heart rate, HRV per 5-minute
/// window and AF detection, driven sample by sample (or span by span) and reporting to an
/// <see cref="IEcgListener"/>. All state is allocated at construction (a few KB); processing
/// allocates nothing. Not thread safe: one instance per stream.
/// </summary>
public sealed class EcgPipeline
{
    private const int Block = 512;
    private const int RateBeats = 8;
    private const int History = AfDetector.Window + 1;

    private readonly QrsDetector _detector;
    private readonly AfDetector _af = new();
    private readonly HrvAccumulator _hrv;
    private readonly AtrialActivity _atrial;
    private readonly DetectedBeat[] _beats;
    private readonly float[] _rr = new float[RateBeats];
    private readonly float[] _rrSorted = new float[RateBeats];
    private readonly long[] _history = new long[History];
    private long _lastBeat = -1;
    private int _beatCount;
    private int _rrCount;

    /// <summary>Creates a pipeline for one lead at <paramref name="samplingHz"/> (125 to 1000 Hz).</summary>
    public EcgPipeline(double samplingHz)
    {
        _detector = new QrsDetector(samplingHz);
        _hrv = new HrvAccumulator(samplingHz);
        _atrial = new AtrialActivity(samplingHz);
        _beats = new DetectedBeat[_detector.MaxBeatsFor(Block)];
    }

    /// <summary>The sampling rate, Hz.</summary>
    public double SamplingHz => _detector.SamplingHz;

    /// <summary>Bytes of state held for this stream.</summary>
    public int StateBytes => _detector.StateBytes + _atrial.StateBytes + _beats.Length * 40 + AfDetector.Window * 16 + 64 * 4 + History * 8 + RateBeats * 8 + 256;

    /// <summary>True while the current rhythm is atrial fibrillation.</summary>
    public bool InAf => _af.InAf;

    /// <summary>Forgets everything: the next sample is sample 0 of a new stream.</summary>
    public void Reset()
    {
        _detector.Reset();
        _af.Reset();
        _hrv.Reset();
        _atrial.Reset();
        Array.Clear(_rr);
        Array.Clear(_history);
        _lastBeat = -1;
        _beatCount = 0;
        _rrCount = 0;
    }

    /// <summary>
    /// Consumes <paramref name="samples"/> (mV) and reports beats, rhythm changes and HRV windows to
    /// <paramref name="listener"/> (not null; a struct listener is called without boxing).
    /// </summary>
    public void Process<TListener>(ReadOnlySpan<float> samples, TListener listener)
        where TListener : IEcgListener
    {
        for (var start = 0; start < samples.Length; start += Block)
        {
            var chunk = samples.Slice(start, Math.Min(Block, samples.Length - start));
            _atrial.Append(chunk);
            var count = _detector.Process(chunk, _beats);
            for (var i = 0; i < count; i++)
            {
                OnBeat(in _beats[i], listener);
            }
        }
    }

    /// <summary>Reports the HRV of the window still open (call at the end of a stream).</summary>
    public void Flush<TListener>(TListener listener)
        where TListener : IEcgListener
    {
        listener.OnHrv(new HrvEvent(_hrv.Summary(_detector.SampleCount), _detector.SampleCount));
    }

    private void OnBeat<TListener>(in DetectedBeat beat, TListener listener)
        where TListener : IEcgListener
    {
        var fs = _detector.SamplingHz;
        var rr = _lastBeat < 0 ? double.NaN : (beat.Sample - _lastBeat) / fs;
        _lastBeat = beat.Sample;
        _history[_beatCount % History] = beat.Sample;
        _beatCount++;
        var rate = double.NaN;
        if (!double.IsNaN(rr))
        {
            _rr[_rrCount % RateBeats] = (float)rr;
            _rrCount++;
            var n = Math.Min(_rrCount, RateBeats);
            _rr.AsSpan(0, n).CopyTo(_rrSorted);
            var sorted = _rrSorted.AsSpan(0, n);
            sorted.Sort();
            var median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            rate = 60 / median;
        }
        var atrial = _atrial.Correlate(beat.Sample);
        listener.OnBeat(new BeatEvent(beat.Sample, beat.DecidedAtSample, rr, rate, atrial, beat.FromSearchBack));
        if (double.IsNaN(rr))
        {
            return;
        }
        if (_hrv.Add(beat.Sample, rr, out var finished))
        {
            listener.OnHrv(new HrvEvent(finished, beat.DecidedAtSample));
        }
        if (_af.Add(rr, atrial))
        {
            // The window that tipped the decision is centred half a window back.
            var back = Math.Min(AfDetector.Window / 2, _beatCount - 1);
            var start = _history[(_beatCount - 1 - back) % History];
            listener.OnRhythm(new RhythmEvent(_af.InAf ? RhythmKind.AtrialFibrillation : RhythmKind.NotAf, start, beat.DecidedAtSample));
        }
    }
}
