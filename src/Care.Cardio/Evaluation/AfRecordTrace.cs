using Care.Cardio.Classes;
using Care.Cardio.Pipeline;
using Care.Cardio.Wfdb;

namespace Care.Cardio.Evaluation;

/// <summary>
/// One record's detected beats (sample, RR, atrial correlation, class, all from the streaming
/// <see cref="EcgPipeline"/> on signal 0) with its reference AF episodes, so that AF detectors and
/// their settings can be replayed on exactly what a patch would have seen.
/// </summary>
/// <param name="Record">The record name.</param>
/// <param name="SamplingHz">Sampling rate, Hz.</param>
/// <param name="Length">Record length, samples.</param>
/// <param name="Reference">Reference AF episodes, [start, end) samples.</param>
/// <param name="Beats">The detected beats in order.</param>
public sealed record AfRecordTrace(string Record, double SamplingHz, long Length, IReadOnlyList<(long Start, long End)> Reference, IReadOnlyList<AfBeat> Beats)
{
    /// <summary>Runs the pipeline over signal 0 of the record at <paramref name="path"/> (without extension) and reads its reference AF.</summary>
    public static AfRecordTrace Of(string path)
    {
        var record = WfdbRecord.Read(path);
        var reference = AfScore.ReferenceEpisodesOf(WfdbRecord.ReadAnnotations(path), record.Length);
        var collector = new Collector();
        var pipeline = new EcgPipeline(record.Header.SamplingFrequencyHz);
        pipeline.Process(record.Physical(0), collector);
        pipeline.Flush(collector);
        var beats = new AfBeat[collector.Beats.Count];
        for (var i = 0; i < beats.Length; i++)
        {
            var b = collector.Beats[i];
            beats[i] = new AfBeat(b.Sample, b.RrSeconds, b.AtrialCorrelation, collector.Classes.GetValueOrDefault(b.Sample, AamiClass.N));
        }
        return new AfRecordTrace(record.Name, record.Header.SamplingFrequencyHz, record.Length, reference, beats);
    }

    /// <summary>The AF episodes <paramref name="detector"/> reports on these beats (it is reset first), dated as the pipeline dates them.</summary>
    public IReadOnlyList<(long Start, long End)> Replay(Rhythm.IAfDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        detector.Reset();
        var dating = new Rhythm.AfEpisodeDating(detector.Delay);
        for (var k = 1; k < Beats.Count; k++)
        {
            var interval = new Rhythm.AfInterval(Beats[k].RrSeconds, Beats[k].AtrialCorrelation, Beats[k - 1].Class == AamiClass.V, Beats[k].Class == AamiClass.V);
            dating.Add(detector, interval, Beats[k - 1].Sample);
        }
        return dating.Episodes(Length);
    }

    private sealed class Collector : IEcgListener
    {
        public List<BeatEvent> Beats { get; } = [];

        public Dictionary<long, AamiClass> Classes { get; } = [];

        public void OnBeat(in BeatEvent beat) => Beats.Add(beat);

        public void OnBeatClass(in BeatClassEvent beat) => Classes[beat.Sample] = beat.Class;

        public void OnHrv(in HrvEvent window)
        {
        }

        public void OnRhythm(in RhythmEvent change)
        {
        }
    }
}
