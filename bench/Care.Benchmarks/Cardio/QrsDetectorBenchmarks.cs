using BenchmarkDotNet.Attributes;
using Care.Cardio.Detection;
using Care.Cardio.Pipeline;
using Care.Cardio.Wfdb;

namespace Care.Benchmarks.Cardio;

/// <summary>
/// One 30-minute, 360 Hz ECG record (650,000 samples) per operation, on one core: the QRS detector
/// alone, the detector with format-212 decoding of the signal file included (as gqrs is timed), and
/// the whole per-stream pipeline (detection, heart rate, HRV, atrial activity, AF, light and heavy beat-class tiers).
/// Real time = 1805.6 s per operation.
/// </summary>
[MemoryDiagnoser]
public class QrsDetectorBenchmarks
{
    private const int Block = 4096;
    private float[] _samples = [];
    private byte[] _dat = [];
    private WfdbHeader? _header;
    private QrsDetector _detector = null!;
    private DetectedBeat[] _beats = [];
    private EcgPipeline _pipeline = null!;
    private float[] _decoded = [];

    [GlobalSetup]
    public void Setup()
    {
        (_samples, _) = EcgBenchData.Load();
        _detector = new QrsDetector(EcgBenchData.SamplingHz);
        _beats = new DetectedBeat[_detector.MaxBeatsFor(Block)];
        _pipeline = new EcgPipeline(EcgBenchData.SamplingHz);
        _decoded = new float[_samples.Length];
        var path = EcgBenchData.FindRecord("100");
        if (path is not null)
        {
            _header = WfdbHeaderParser.Parse(File.ReadAllBytes(path + ".hea"), path + ".hea");
            _dat = File.ReadAllBytes(path + ".dat");
        }
    }

    [Benchmark(Description = "QRS detector, 30 min at 360 Hz")]
    public int Detector()
    {
        _detector.Reset();
        var beats = 0;
        for (var i = 0; i < _samples.Length; i += Block)
        {
            beats += _detector.Process(_samples.AsSpan(i, Math.Min(Block, _samples.Length - i)), _beats);
        }
        return beats;
    }

    [Benchmark(Description = "format-212 decoding + QRS detector, 30 min at 360 Hz")]
    public int DecodeAndDetect()
    {
        if (_header is null)
        {
            return Detector();
        }
        var info = _header.Signals[0];
        WfdbSignalDecoder.DecodeTwoSignal212(_dat, 0, info.Baseline, info.Gain, _decoded);
        _detector.Reset();
        var beats = 0;
        for (var i = 0; i < _decoded.Length; i += Block)
        {
            beats += _detector.Process(_decoded.AsSpan(i, Math.Min(Block, _decoded.Length - i)), _beats);
        }
        return beats;
    }

    [Benchmark(Description = "whole pipeline (beats, rate, HRV, atrial activity, AF, beat classes), 30 min at 360 Hz")]
    public int Pipeline()
    {
        _pipeline.Reset();
        var counter = new BeatCounter();
        _pipeline.Process(_samples, counter);
        return counter.Beats;
    }

    private sealed class BeatCounter : IEcgListener
    {
        public int Beats { get; private set; }

        public void OnBeat(in BeatEvent beat) => Beats++;

        public void OnBeatClass(in BeatClassEvent beat)
        {
        }

        public void OnRhythm(in RhythmEvent change)
        {
        }

        public void OnHrv(in HrvEvent window)
        {
        }
    }
}
