using Care.Cardio.Wfdb;

namespace Care.Cardio.Detection;

/// <summary>Runs the streaming detector over a whole record, in blocks, as a patch would.</summary>
public static class RecordDetection
{
    private const int Block = 4096;

    /// <summary>Detects the beats of signal <paramref name="signal"/> of <paramref name="record"/>.</summary>
    public static IReadOnlyList<DetectedBeat> Detect(WfdbRecord record, int signal = 0)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfNegative(signal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(signal, record.Header.SignalCount);
        return Detect(new QrsDetector(record.Header.SamplingFrequencyHz), record.Physical(signal));
    }

    /// <summary>Feeds <paramref name="samples"/> to <paramref name="detector"/> block by block and collects the beats.</summary>
    public static IReadOnlyList<DetectedBeat> Detect(QrsDetector detector, ReadOnlySpan<float> samples)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var result = new List<DetectedBeat>(samples.Length / 200);
        var buffer = new DetectedBeat[detector.MaxBeatsFor(Block)];
        for (var i = 0; i < samples.Length; i += Block)
        {
            var chunk = samples.Slice(i, Math.Min(Block, samples.Length - i));
            var count = detector.Process(chunk, buffer);
            for (var k = 0; k < count; k++)
            {
                result.Add(buffer[k]);
            }
        }
        return result;
    }
}
