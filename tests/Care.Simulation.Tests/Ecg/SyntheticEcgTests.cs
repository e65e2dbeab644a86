using Care.Cardio.Pipeline;
using Care.Core.Events;
using Care.Simulation.Ecg;

namespace Care.Simulation.Tests.Ecg;

public sealed class SyntheticEcgTests
{
    private const double Fs = 250;

    private static float[] Draw(SyntheticEcg ecg, TimeSpan length)
    {
        var samples = new float[(int)(length.TotalSeconds * Fs)];
        ecg.Generate(samples);
        return samples;
    }

    private static (List<long> Beats, List<RhythmEvent> Rhythm) Run(float[] samples)
    {
        var listener = new Collect();
        var pipeline = new EcgPipeline(Fs);
        pipeline.Process(samples, listener);
        pipeline.Flush(listener);
        return (listener.Beats, listener.Rhythm);
    }

    /// <summary>Matches detections to true beats within 150 ms (EC57), scoring after the first 10 s.</summary>
    internal static (double Se, double Ppv) Score(IReadOnlyList<long> truth, IReadOnlyList<long> detected)
    {
        long window = (long)(0.15 * Fs), from = (long)(10 * Fs);
        var reference = truth.Where(b => b >= from && b < truth[^1]).ToList();
        var found = detected.Where(b => b >= from && b < truth[^1]).ToList();
        int tp = 0, j = 0;
        var used = new bool[found.Count];
        foreach (long r in reference)
        {
            while (j < found.Count && found[j] < r - window)
            {
                j++;
            }
            if (j < found.Count && Math.Abs(found[j] - r) <= window && !used[j])
            {
                used[j] = true;
                tp++;
                j++;
            }
        }
        return (100.0 * tp / reference.Count, 100.0 * tp / found.Count);
    }

    [Fact]
    public void Same_seed_draws_the_same_samples_and_another_seed_does_not()
    {
        var a = Draw(new SyntheticEcg(new SyntheticEcgOptions(), 7), TimeSpan.FromSeconds(30));
        var b = Draw(new SyntheticEcg(new SyntheticEcgOptions(), 7), TimeSpan.FromSeconds(30));
        var c = Draw(new SyntheticEcg(new SyntheticEcgOptions(), 8), TimeSpan.FromSeconds(30));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Clean_sinus_ecg_has_the_mean_rate_asked_for_and_r_waves_near_1_2_mV()
    {
        var ecg = new SyntheticEcg(SyntheticEcgOptions.Clean with { HeartRateBpm = 60 }, 1, recordBeats: true);
        var samples = Draw(ecg, TimeSpan.FromMinutes(5));
        double meanRr = (ecg.Beats[^1] - ecg.Beats[0]) / Fs / (ecg.Beats.Count - 1);
        Assert.InRange(60 / meanRr, 58.5, 61.5);
        Assert.All(ecg.Beats.Where(b => b < samples.Length), b => Assert.InRange(samples[b], 1.1f, 1.4f));
        Assert.All(ecg.BeatKinds, k => Assert.Equal(SyntheticBeatKind.Sinus, k));
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(75, 2)]
    [InlineData(110, 3)]
    public void Pipeline_finds_over_99_percent_of_the_beats_of_clean_synthetic_ecg(double bpm, int seed)
    {
        var ecg = new SyntheticEcg(SyntheticEcgOptions.Clean with { HeartRateBpm = bpm }, seed, recordBeats: true);
        var (beats, _) = Run(Draw(ecg, TimeSpan.FromMinutes(10)));
        var (se, ppv) = Score(ecg.Beats, beats);
        Assert.True(se > 99 && ppv > 99, $"Se {se:F2} %, +P {ppv:F2} %");
    }

    [Fact]
    public void Pipeline_finds_over_99_percent_of_the_beats_of_noisy_ecg_with_ectopy()
    {
        var options = new SyntheticEcgOptions { VentricularBeatPerBeat = 0.01, PausePerBeat = 0.002 };
        var ecg = new SyntheticEcg(options, 4, recordBeats: true);
        var (beats, _) = Run(Draw(ecg, TimeSpan.FromMinutes(20)));
        Assert.Contains(SyntheticBeatKind.Ventricular, ecg.BeatKinds);
        var (se, ppv) = Score(ecg.Beats, beats);
        Assert.True(se > 99 && ppv > 99, $"Se {se:F2} %, +P {ppv:F2} %");
    }

    [Fact]
    public void Pipeline_flags_a_simulated_af_episode_inside_it_and_not_before()
    {
        var options = new SyntheticEcgOptions { AfOnsetPerBeat = 1.0 / 400, AfMinDuration = TimeSpan.FromMinutes(6), AfMaxDuration = TimeSpan.FromMinutes(8) };
        var ecg = new SyntheticEcg(options, 5, recordBeats: true);
        var (_, rhythm) = Run(Draw(ecg, TimeSpan.FromMinutes(30)));
        var episode = ecg.Episodes.First(e => e.Kind == PatchEventKind.AtrialFibrillation);
        var onsets = rhythm.Where(r => r.Rhythm == RhythmKind.AtrialFibrillation).ToList();
        Assert.NotEmpty(onsets);
        // Every AF onset the pipeline reports lies in a true episode (one window, 32 beats, of slack).
        Assert.All(onsets, o => Assert.Contains(ecg.Episodes, e => e.Kind == PatchEventKind.AtrialFibrillation
            && o.StartSample >= e.StartSample - (30 * Fs) && o.StartSample <= e.EndSample));
        Assert.Contains(onsets, o => o.StartSample >= episode.StartSample - (30 * Fs) && o.StartSample <= episode.EndSample);
    }

    [Fact]
    public void Pipeline_classes_isolated_synthetic_ventricular_beats_as_v_and_almost_no_sinus_beat_as_v()
    {
        var ecg = new SyntheticEcg(new SyntheticEcgOptions { VentricularBeatPerBeat = 0.03, PausePerBeat = 0 }, 11, recordBeats: true);
        var listener = new Collect();
        var pipeline = new EcgPipeline(Fs);
        pipeline.Process(Draw(ecg, TimeSpan.FromMinutes(10)), listener);
        pipeline.Flush(listener);
        var truth = ecg.Beats.Select((b, i) => (Sample: b, Kind: ecg.BeatKinds[i])).ToList();
        int ventricular = truth.Count(t => t.Kind == SyntheticBeatKind.Ventricular);
        int classedV = truth.Count(t => t.Kind == SyntheticBeatKind.Ventricular
            && listener.Classes.Any(c => c.Class == Cardio.Classes.AamiClass.V && Math.Abs(c.Sample - t.Sample) <= 0.15 * Fs));
        int sinusAsV = truth.Count(t => t.Kind == SyntheticBeatKind.Sinus
            && listener.Classes.Any(c => c.Class == Cardio.Classes.AamiClass.V && Math.Abs(c.Sample - t.Sample) <= 0.15 * Fs));
        Assert.True(ventricular >= 10, $"{ventricular} ventricular beats drawn");
        Assert.True(classedV >= 0.9 * ventricular, $"{classedV} of {ventricular} ventricular beats classed V");
        Assert.True(sinusAsV <= 0.01 * truth.Count, $"{sinusAsV} sinus beats classed V");
    }

    private sealed class Collect : IEcgListener
    {
        public List<long> Beats { get; } = [];

        public List<BeatClassEvent> Classes { get; } = [];

        public List<RhythmEvent> Rhythm { get; } = [];

        public void OnBeat(in BeatEvent beat) => Beats.Add(beat.Sample);

        public void OnBeatClass(in BeatClassEvent beat) => Classes.Add(beat);

        public void OnRhythm(in RhythmEvent change) => Rhythm.Add(change);

        public void OnHrv(in HrvEvent window)
        {
        }
    }
}
