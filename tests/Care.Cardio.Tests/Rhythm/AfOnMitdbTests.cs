using Care.Cardio.Evaluation;
using Care.Cardio.Pipeline;
using Care.Cardio.Wfdb;
using Care.Testing;

namespace Care.Cardio.Tests.Rhythm;

public sealed class AfOnMitdbTests
{
    private sealed class Episodes : IEcgListener
    {
        private readonly List<(long Start, long End)> _closed = [];
        private long _open = -1;

        public List<RhythmEvent> Changes { get; } = [];

        public IReadOnlyList<(long Start, long End)> Until(long length) =>
            _open >= 0 ? [.. _closed, (_open, length)] : _closed;

        public void OnRhythm(in RhythmEvent change)
        {
            Changes.Add(change);
            if (change.Rhythm == RhythmKind.AtrialFibrillation)
            {
                _open = _open >= 0 ? _open : change.StartSample;
            }
            else if (_open >= 0)
            {
                _closed.Add((_open, change.StartSample));
                _open = -1;
            }
        }

        public void OnBeat(in BeatEvent beat)
        {
        }

        public void OnBeatClass(in BeatClassEvent beat)
        {
        }

        public void OnHrv(in HrvEvent window)
        {
        }
    }

    private static (AfScore Score, Episodes Listener) Run(string name)
    {
        var db = SharedData.RequireFolder("mitdb");
        var path = Path.Combine(db, name);
        if (!File.Exists(path + ".hea"))
        {
            Assert.Skip($"record {name} is not in {db}");
        }
        var record = WfdbRecord.Read(path);
        var reference = AfScore.ReferenceEpisodesOf(WfdbRecord.ReadAnnotations(path), record.Length);
        var listener = new Episodes();
        new EcgPipeline(record.Header.SamplingFrequencyHz).Process(record.Physical(0), listener);
        return (AfScore.Compare(name, record.Header.SamplingFrequencyHz, record.Length, reference, listener.Until(record.Length)), listener);
    }

    [Fact]
    public void Af_in_record_221_is_found_over_90_percent_of_its_duration_with_little_false_time()
    {
        var (score, listener) = Run("221");
        var se = 100.0 * score.OverlapSamples / score.ReferenceSamples;
        var ppv = 100.0 * score.OverlapSamples / score.DetectedSamples;
        Assert.True(se >= 90 && ppv >= 95, $"duration Se {se:F1} %, +P {ppv:F1} %");
        // Changes are reported about a minute late but dated back to where the rhythm changed.
        Assert.All(listener.Changes, c => Assert.True(c.DecidedAtSample - c.StartSample > 30 * 360, $"{c}"));
    }

    [Theory]
    [InlineData("100")]
    [InlineData("119")]
    public void Sinus_records_with_and_without_ectopy_have_no_af(string name) =>
        Assert.Equal(0, Run(name).Score.DetectedEpisodes);

    [Fact]
    public void Replaying_the_recorded_beats_gives_the_pipelines_own_af_episodes_on_record_201()
    {
        var (score, listener) = Run("201");
        var trace = AfRecordTrace.Of(Path.Combine(SharedData.RequireFolder("mitdb"), "201"));
        var replayed = trace.Replay(new Care.Cardio.Rhythm.AfDetector());
        Assert.Equal(listener.Until(trace.Length), replayed);
        Assert.True(score.DetectedEpisodes > 0);
    }

    [Fact]
    public void Leave_one_out_scores_each_record_under_the_setting_chosen_on_the_others()
    {
        var db = SharedData.RequireFolder("mitdb");
        var traces = new[] { "201", "202", "119" }.Select(r => AfRecordTrace.Of(Path.Combine(db, r))).ToList();
        var candidate = AfCandidate.All.Single(c => c.Name == "irregularity+V+P");
        var result = AfLeaveOneOut.Run(candidate, traces, AfObjective.FewestErrorMinutes, TestContext.Current.CancellationToken);
        for (var r = 0; r < traces.Count; r++)
        {
            var setting = candidate.Settings.ToList().IndexOf(result.ChosenPerFold[r]);
            var t = traces[r];
            var again = AfScore.Compare(t.Record, t.SamplingHz, t.Length, t.Reference, t.Replay(candidate.Create(setting)));
            Assert.Equal(again, result.HeldOut[r]);
        }
        Assert.Equal(3, result.InSample.Count);
        Assert.Contains(result.ChosenOnAll, candidate.Settings);
    }
}
