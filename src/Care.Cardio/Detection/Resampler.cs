namespace Care.Cardio.Detection;

/// <summary>
/// Linear-interpolation resampling, used to check the detector at sampling rates other than a
/// database's own (for example MIT-BIH's 360 Hz at 125 or 1000 Hz). ECG carries little energy
/// above 40 Hz, so interpolation without an anti-aliasing filter is adequate for that purpose.
/// </summary>
public static class Resampler
{
    /// <summary>Resamples <paramref name="samples"/> from <paramref name="fromHz"/> to <paramref name="toHz"/>.</summary>
    public static float[] Linear(ReadOnlySpan<float> samples, double fromHz, double toHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toHz);
        if (samples.IsEmpty)
        {
            return [];
        }
        var count = (int)Math.Floor((samples.Length - 1) * toHz / fromHz) + 1;
        var result = new float[count];
        var step = fromHz / toHz;
        for (var i = 0; i < count; i++)
        {
            var t = i * step;
            var k = (int)t;
            var f = (float)(t - k);
            result[i] = k + 1 < samples.Length ? samples[k] + f * (samples[k + 1] - samples[k]) : samples[k];
        }
        return result;
    }
}
