using Care.Cardio.Pipeline;
using Care.Cardio.Tests.Detection;
using Care.Cardio.Wfdb;
using Care.Testing;

namespace Care.Cardio.Tests.Rhythm;

public sealed class EcgPipelineTests
{
    private sealed class Collector : IEcgListener
    {
        public List<BeatEvent> Beats { get; } = [];
        public List<RhythmEvent> Rhythm { get; } = [];
        public List<HrvEvent> Hrv { get; } = [];
        public List<BeatClassEvent> Classes { get; } = [];

        public void OnBeatClass(in BeatClassEvent beat) => Classes.Add(beat);

        public void OnBeat(in BeatEvent beat) => Beats.Add(beat);

        public void OnRhythm(in RhythmEvent change) => Rhythm.Add(change);

        public void OnHrv(in HrvEvent window) => Hrv.Add(window);
    }

    private struct Counter : IEcgListener
    {
        public int Beats;

        public void OnBeat(in BeatEvent beat) => Beats++;

        public readonly void OnBeatClass(in BeatClassEvent beat)
        {
        }

        public readonly void OnRhythm(in RhythmEvent change)
        {
        }

        public readonly void OnHrv(in HrvEvent window)
        {
        }
    }

    [Fact]
    public void Synthetic_sinus_rhythm_gives_its_rate_hrv_windows_and_no_af()
    {
        var (samples, truth) = SyntheticEcg.Make(250, 660, bpm: 72, seed: 5, noiseMv: 0.02);
        var pipeline = new EcgPipeline(250);
        var listener = new Collector();
        pipeline.Process(samples, listener);
        pipeline.Flush(listener);
        Assert.Equal(truth.Count, listener.Beats.Count);
        Assert.Equal(truth.Count, listener.Classes.Count); // every beat classed, the last one by Flush
        Assert.Equal(listener.Beats.Select(b => b.Sample), listener.Classes.Select(c => c.Sample));
        Assert.True(listener.Classes.Count(c => c.Class == Care.Cardio.Classes.AamiClass.N) > 0.9 * truth.Count);
        Assert.InRange(pipeline.HeavyTierFraction, 0, 0.2);
        Assert.InRange(listener.Beats[^1].HeartRateBpm, 65, 80);
        Assert.Empty(listener.Rhythm);
        Assert.Equal(3, listener.Hrv.Count); // two closed 5-minute windows and the open one
        Assert.InRange(listener.Hrv[0].Summary.MeanHeartRateBpm, 68, 76);
        Assert.True(listener.Beats.Skip(20).Where(b => !double.IsNaN(b.AtrialCorrelation)).Average(b => b.AtrialCorrelation) > 0.8,
            "the synthetic P wave is steady");
    }

    [Fact]
    public void Steady_state_processing_allocates_nothing_and_state_stays_under_64_kb()
    {
        var (samples, _) = SyntheticEcg.Make(360, 120, bpm: 80, seed: 6);
        var pipeline = new EcgPipeline(360);
        var counter = new Counter();
        pipeline.Process(samples.AsSpan(0, 36_000), counter); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        pipeline.Process(samples.AsSpan(36_000), counter);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.InRange(new EcgPipeline(1000).StateBytes, 1, 64 * 1024);
    }

    [Fact]
    public void Streaming_beat_classes_equal_the_offline_classes_on_record_119()
    {
        var db = SharedData.RequireFolder("mitdb");
        var record = WfdbRecord.Read(Path.Combine(db, "119"));
        var signal = record.Physical(0);
        var listener = new Collector();
        var pipeline = new EcgPipeline(360);
        pipeline.Process(signal, listener);
        pipeline.Flush(listener);
        var offline = Care.Cardio.Classes.BeatDataset.Classify(signal, 360, [.. listener.Beats.Select(b => b.Sample)], Care.Cardio.Classes.BeatModel.Shipped());
        Assert.Equal(offline, listener.Classes.Select(c => c.Class));
        // Record 119 has 444 PVCs in bigeminy and trigeminy runs: the heavy tier must call many of them V.
        Assert.True(listener.Classes.Count(c => c.Class == Care.Cardio.Classes.AamiClass.V) > 300);
    }

    [Theory]
    [InlineData("100", false)]
    [InlineData("221", true)]
    public void Af_is_found_in_an_af_record_and_not_in_a_sinus_record(string name, bool hasAf)
    {
        var db = SharedData.RequireFolder("mitdb");
        var path = Path.Combine(db, name);
        if (!File.Exists(path + ".hea"))
        {
            Assert.Skip($"record {name} is not in {db}");
        }
        var record = WfdbRecord.Read(path);
        var listener = new Collector();
        new EcgPipeline(record.Header.SamplingFrequencyHz).Process(record.Physical(0), listener);
        if (hasAf)
        {
            Assert.Contains(listener.Rhythm, r => r.Rhythm == RhythmKind.AtrialFibrillation);
        }
        else
        {
            Assert.Empty(listener.Rhythm);
        }
    }
}
