using Care.Cardio.Detection;
using Care.Cardio.Evaluation;
using Care.Cardio.Wfdb;

namespace Care.Cardio.Classes;

/// <summary>
/// Builds labelled beats from a record: the streaming detector finds the beats (as on the patch),
/// each gets its features, and the reference annotation within 150 ms (EC57) gives its class.
/// </summary>
public static class BeatDataset
{
    /// <summary>
    /// Classes each of <paramref name="beats"/> (sample numbers, ascending) of <paramref name="signal"/>:
    /// the light tier flags, the INT8 model classes the flagged beats, the rest are N.
    /// </summary>
    public static AamiClass[] Classify(ReadOnlySpan<float> signal, double samplingHz, IReadOnlyList<long> beats, BeatModel model)
    {
        ArgumentNullException.ThrowIfNull(beats);
        ArgumentNullException.ThrowIfNull(model);
        var prepared = BeatFeatures.Prepare(signal, samplingHz);
        var extractor = new BeatFeatures(samplingHz);
        var features = new float[BeatFeatures.Count];
        var input = new sbyte[model.Inputs];
        var hidden = new sbyte[model.Hidden];
        var result = new AamiClass[beats.Count];
        for (var i = 0; i < beats.Count; i++)
        {
            result[i] = extractor.Extract(prepared, beats, i, features) ? model.ClassifyInt8(features, input, hidden) : AamiClass.N;
        }
        return result;
    }

    /// <summary>The labelled beats of <paramref name="record"/> (signal 0).</summary>
    public static IReadOnlyList<LabelledBeat> Build(WfdbRecord record, IReadOnlyList<Annotation> reference)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(reference);
        var fs = record.Header.SamplingFrequencyHz;
        var signal = record.Physical(0);
        var beats = RecordDetection.Detect(new QrsDetector(fs), signal).Select(b => b.Sample).ToList();
        var prepared = BeatFeatures.Prepare(signal, fs);
        var extractor = new BeatFeatures(fs);
        var window = (long)Math.Round(BeatMatcher.DefaultMatchWindow.TotalSeconds * fs);
        var refBeats = reference.Where(a => a.IsBeat).ToList();
        var result = new List<LabelledBeat>(beats.Count);
        var r = 0;
        for (var i = 0; i < beats.Count; i++)
        {
            var features = new float[BeatFeatures.Count];
            var flagged = extractor.Extract(prepared, beats, i, features);
            while (r < refBeats.Count && refBeats[r].Sample < beats[i] - window)
            {
                r++;
            }
            AamiClass? label = null;
            var best = long.MaxValue;
            for (var k = r; k < refBeats.Count && refBeats[k].Sample <= beats[i] + window; k++)
            {
                var distance = Math.Abs(refBeats[k].Sample - beats[i]);
                if (distance < best)
                {
                    best = distance;
                    label = AamiClasses.Of(refBeats[k].Code);
                }
            }
            result.Add(new LabelledBeat(beats[i], features, flagged, label));
        }
        return result;
    }
}
