using Care.Cardio.Classes;
using Care.Cardio.Detection;
using Care.Cardio.Rhythm;

namespace Care.Cardio.Pipeline;

/// <summary>
/// The ECG intelligence of a patch, one stream: QRS detection, heart rate, HRV per 5-minute window,
/// AF detection, and beat classes (a light tier that flags premature, late or unusual beats, and
/// the INT8 heavy-tier classifier for the flagged ones), driven sample by sample (or span by span)
/// and reporting to an <see cref="IEcgListener"/>. All state is allocated at construction (under
/// 64 KB at 1000 Hz); processing allocates nothing. Not thread safe: one instance per stream.
/// </summary>
public sealed class EcgPipeline
{
    private const int Block = 512;
    private const int RateBeats = 8;
    private const int AfStarts = AfDetector.Delay + 1;
    private static readonly Lazy<BeatModel> ShippedModel = new(BeatModel.Shipped);

    private readonly QrsDetector _detector;
    private readonly AfDetector _af = new();
    private readonly HrvAccumulator _hrv;
    private readonly AtrialActivity _atrial;
    private readonly BeatModel _model;
    private readonly BeatFeatures _shape;
    private readonly float[] _shapeRing;
    private readonly int _shapeMask;
    private readonly float[] _segment;
    private readonly float[] _features = new float[BeatFeatures.Count];
    private readonly sbyte[] _input8;
    private readonly sbyte[] _hidden8;
    private Biquad _shapeHighPass;
    private Biquad _shapeLowPass;
    private long _samples;
    private long _pendingSample = -1;
    private double _pendingPre = double.NaN;
    private long _classified;
    private long _heavy;
    private readonly DetectedBeat[] _beats;
    private readonly float[] _rr = new float[RateBeats];
    private readonly float[] _rrSorted = new float[RateBeats];
    private readonly long[] _afStarts = new long[AfStarts];
    private long _lastBeat = -1;
    private long _afIntervals;
    private int _rrCount;

    /// <summary>
    /// Creates a pipeline for one lead at <paramref name="samplingHz"/> (125 to 1000 Hz), classing
    /// beats with <paramref name="beatModel"/> (the model shipped with Care by default).
    /// </summary>
    public EcgPipeline(double samplingHz, BeatModel? beatModel = null)
    {
        _detector = new QrsDetector(samplingHz);
        _hrv = new HrvAccumulator(samplingHz);
        _atrial = new AtrialActivity(samplingHz);
        _model = beatModel ?? ShippedModel.Value;
        _shape = new BeatFeatures(samplingHz);
        var ring = 1;
        while (ring < 3 * samplingHz + _shape.SegmentLength)
        {
            ring <<= 1;
        }
        _shapeRing = new float[ring];
        _shapeMask = ring - 1;
        _segment = new float[_shape.SegmentLength];
        _input8 = new sbyte[_model.Inputs];
        _hidden8 = new sbyte[_model.Hidden];
        (_shapeHighPass, _shapeLowPass) = BeatFeatures.Filters(samplingHz);
        _beats = new DetectedBeat[_detector.MaxBeatsFor(Block)];
    }

    /// <summary>The sampling rate, Hz.</summary>
    public double SamplingHz => _detector.SamplingHz;

    /// <summary>Bytes of state held for this stream.</summary>
    public int StateBytes => _detector.StateBytes + _atrial.StateBytes + _shapeRing.Length * 4 + _segment.Length * 4 + BeatFeatures.Count * 4 + BeatFeatures.StateBytes + _beats.Length * 40 + AfDetector.StateBytes + AfStarts * 8 + RateBeats * 8 + 256;

    /// <summary>The fraction of classed beats that the heavy tier (the INT8 classifier) ran on.</summary>
    public double HeavyTierFraction => _classified == 0 ? 0 : _heavy / (double)_classified;

    /// <summary>True while the rhythm is atrial fibrillation, as labelled <see cref="AfDetector.Delay"/> intervals back (about a minute).</summary>
    public bool InAf => _af.InAf;

    /// <summary>Forgets everything: the next sample is sample 0 of a new stream.</summary>
    public void Reset()
    {
        _detector.Reset();
        _af.Reset();
        _hrv.Reset();
        _atrial.Reset();
        _shape.Reset();
        Array.Clear(_shapeRing);
        _shapeHighPass.Reset();
        _shapeLowPass.Reset();
        _samples = 0;
        _pendingSample = -1;
        _pendingPre = double.NaN;
        _classified = 0;
        _heavy = 0;
        Array.Clear(_rr);
        Array.Clear(_afStarts);
        _afIntervals = 0;
        _lastBeat = -1;
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
            foreach (var x in chunk)
            {
                var v = float.IsFinite(x) ? x : 0f;
                _shapeRing[(int)(_samples++ & _shapeMask)] = (float)_shapeLowPass.Step(_shapeHighPass.Step(v));
            }
            var count = _detector.Process(chunk, _beats);
            for (var i = 0; i < count; i++)
            {
                OnBeat(in _beats[i], listener);
            }
        }
    }

    /// <summary>Reports the class of the last beat and the HRV of the window still open (call at the end of a stream).</summary>
    public void Flush<TListener>(TListener listener)
        where TListener : IEcgListener
    {
        ClassifyPending(double.NaN, _detector.SampleCount, listener);
        listener.OnHrv(new HrvEvent(_hrv.Summary(_detector.SampleCount), _detector.SampleCount));
    }

    private void ClassifyPending<TListener>(double post, long decidedAt, TListener listener)
        where TListener : IEcgListener
    {
        if (_pendingSample < 0)
        {
            return;
        }
        var start = _pendingSample - _shape.SegmentLead;
        var available = start >= 0 && start > _samples - _shapeMask && start + _segment.Length <= _samples;
        if (available)
        {
            for (var k = 0; k < _segment.Length; k++)
            {
                _segment[k] = _shapeRing[(int)((start + k) & _shapeMask)];
            }
        }
        var flagged = _shape.Extract(available ? _segment : [], _pendingPre, post, _features);
        var heavy = flagged && available;
        var cls = heavy ? _model.ClassifyInt8(_features, _input8, _hidden8) : AamiClass.N;
        _classified++;
        _heavy += heavy ? 1 : 0;
        listener.OnBeatClass(new BeatClassEvent(_pendingSample, cls, heavy, decidedAt));
        _pendingSample = -1;
    }

    private void OnBeat<TListener>(in DetectedBeat beat, TListener listener)
        where TListener : IEcgListener
    {
        var fs = _detector.SamplingHz;
        var rr = _lastBeat < 0 ? double.NaN : (beat.Sample - _lastBeat) / fs;
        if (AfDetector.Accepts(rr))
        {
            // Where each interval the AF detector takes begins, for dating its delayed labels.
            _afStarts[_afIntervals++ % AfStarts] = _lastBeat;
        }
        _lastBeat = beat.Sample;
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
        ClassifyPending(rr, beat.DecidedAtSample, listener);
        _pendingSample = beat.Sample;
        _pendingPre = rr;
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
            // The label changed at the interval Delay intervals back: date the change to its start.
            var start = _afStarts[Math.Max(0, _afIntervals - 1 - AfDetector.Delay) % AfStarts];
            listener.OnRhythm(new RhythmEvent(_af.InAf ? RhythmKind.AtrialFibrillation : RhythmKind.NotAf, start, beat.DecidedAtSample));
        }
    }
}
