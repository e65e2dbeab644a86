using Care.Core.Events;
using Care.Patch.Ecg;
using Care.Simulation.Ecg;

namespace Care.Simulation.Tests.Ecg;

public sealed class PatchEcgMonitorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private static (Sink Sink, SyntheticEcg Ecg) Record(SyntheticEcgOptions options, int seed, TimeSpan length)
    {
        var sink = new Sink();
        var monitor = new PatchEcgMonitor(options.SamplingHz, sink);
        var ecg = new SyntheticEcg(options, seed, recordBeats: true);
        var block = new float[(int)options.SamplingHz];
        monitor.Begin(Start);
        for (int s = 0; s < length.TotalSeconds; s++)
        {
            ecg.Generate(block);
            monitor.Process(block);
        }
        monitor.End();
        return (sink, ecg);
    }

    [Fact]
    public void Monitor_reports_one_heart_rate_per_minute_close_to_the_true_rate()
    {
        var (sink, _) = Record(SyntheticEcgOptions.Clean with { HeartRateBpm = 72 }, 1, TimeSpan.FromMinutes(10));
        Assert.Equal(10, sink.HeartRates.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(m => Start.AddMinutes(m)), sink.HeartRates.Select(h => h.Minute));
        Assert.All(sink.HeartRates, h => Assert.InRange(h.Bpm, 68, 76));
        Assert.Empty(sink.Events);
    }

    [Fact]
    public void Monitor_reports_the_pauses_and_ventricular_runs_that_were_drawn()
    {
        var options = new SyntheticEcgOptions { PausePerBeat = 1.0 / 300, VentricularRunPerBeat = 1.0 / 300, VentricularBeatPerBeat = 0 };
        var (sink, ecg) = Record(options, 3, TimeSpan.FromMinutes(30));
        var truePauses = ecg.Episodes.Where(e => e.Kind == PatchEventKind.Pause).ToList();
        var pauses = sink.Events.Where(e => e.Kind == PatchEventKind.Pause).ToList();
        Assert.True(truePauses.Count >= 5, $"{truePauses.Count} pauses drawn");
        // Each drawn pause is reported within 150 ms of its start, with its length.
        Assert.All(truePauses, t => Assert.Contains(pauses, p => Math.Abs((p.Start - Start.AddSeconds(t.StartSample / 250.0)).TotalSeconds) < 0.15
            && Math.Abs(p.Value!.Value - ((t.EndSample - t.StartSample) / 250.0)) < 0.1));
        var trueRuns = ecg.Episodes.Count(e => e.Kind == PatchEventKind.VentricularRun);
        var runs = sink.Events.Where(e => e.Kind == PatchEventKind.VentricularRun).ToList();
        Assert.True(trueRuns >= 3, $"{trueRuns} runs drawn");
        Assert.All(runs, r => Assert.True(r.Value >= PatchEcgMonitor.MinRunBeats && r.End >= r.Start));
        Assert.All(sink.Events, e => Assert.True(e.IsValid));
        Assert.True(runs.Count >= trueRuns / 2, $"{runs.Count} of {trueRuns} runs reported");
    }

    [Theory]
    [InlineData(50, 11)]
    [InlineData(72, 12)]
    [InlineData(95, 13)]
    public void Monitor_reports_nearly_every_drawn_ventricular_run_and_no_other(double bpm, int seed)
    {
        var options = new SyntheticEcgOptions { HeartRateBpm = bpm, VentricularRunPerBeat = 1.0 / 150, VentricularBeatPerBeat = 1.0 / 150, PausePerBeat = 0 };
        var (sink, ecg) = Record(options, seed, TimeSpan.FromMinutes(60));
        var drawn = ecg.Episodes.Where(e => e.Kind == PatchEventKind.VentricularRun)
            .Select(e => (Start: Start.AddSeconds(e.StartSample / 250.0), End: Start.AddSeconds(e.EndSample / 250.0))).ToList();
        var runs = sink.Events.Where(e => e.Kind == PatchEventKind.VentricularRun).ToList();
        static bool Overlap(DateTimeOffset s1, DateTimeOffset e1, DateTimeOffset s2, DateTimeOffset e2) =>
            s1 <= e2.AddSeconds(0.2) && s2 <= e1.AddSeconds(0.2);
        var found = drawn.Count(d => runs.Any(r => Overlap(d.Start, d.End, r.Start, r.End!.Value)));
        Assert.True(drawn.Count >= 10, $"{drawn.Count} runs drawn");
        Assert.True(found >= 0.9 * drawn.Count, $"{found} of {drawn.Count} drawn runs reported");
        // Isolated ventricular beats are drawn as often as runs: none of them may be reported as a run.
        Assert.All(runs, r => Assert.Contains(drawn, d => Overlap(d.Start, d.End, r.Start, r.End!.Value)));
    }

    [Fact]
    public void Monitor_reports_an_af_episode_with_its_end_and_closes_one_left_open()
    {
        var options = new SyntheticEcgOptions { AfOnsetPerBeat = 1.0 / 400, AfMinDuration = TimeSpan.FromMinutes(6), AfMaxDuration = TimeSpan.FromMinutes(8) };
        var (sink, ecg) = Record(options, 5, TimeSpan.FromMinutes(30));
        var af = sink.Events.Where(e => e.Kind == PatchEventKind.AtrialFibrillation).ToList();
        Assert.NotEmpty(af);
        Assert.All(af, e => Assert.True(e.End > e.Start));
        Assert.Contains(af, e => ecg.Episodes.Any(t => t.Kind == PatchEventKind.AtrialFibrillation
            && e.Start < Start.AddSeconds(t.EndSample / 250.0) && e.End > Start.AddSeconds(t.StartSample / 250.0)));
    }

    [Fact]
    public void Processing_without_a_recording_is_refused()
    {
        var monitor = new PatchEcgMonitor(250, new Sink());
        Assert.Throws<InvalidOperationException>(() => monitor.Process(new float[10]));
        Assert.Throws<ArgumentException>(() => monitor.Begin(Start.AddSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PatchEcgMonitor(double.NaN, new Sink()));
    }

    private sealed class Sink : IEcgRecordSink
    {
        public List<(DateTimeOffset Minute, double Bpm)> HeartRates { get; } = [];

        public List<PatchEvent> Events { get; } = [];

        public void OnHeartRate(DateTimeOffset minute, double beatsPerMinute) => HeartRates.Add((minute, beatsPerMinute));

        public void OnEvent(PatchEvent patchEvent) => Events.Add(patchEvent);
    }
}
