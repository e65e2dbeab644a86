using Care.Cardio.Detection;

namespace Care.Cardio.Classes;

/// <summary>
/// Turns detected beats into the features of the beat classifier, the way a patch would: RR
/// context (previous and next intervals against the last 10 and a long running average, so they
/// mean the same for every wearer), the beat's shape (−120 to +360 ms around the fiducial, filtered
/// 1–40 Hz, averaged into 20 ms steps) and QRS width (from the slope) compared with the wearer's own
/// dominant template (<see cref="BeatTemplates"/>), and how common the beat's own shape has been.
/// Also computes the light tier's flag: whether the beat is premature, late, or unlike the dominant
/// beat, and so worth the classifier. Needs the next beat (one beat of delay).
/// </summary>
public sealed class BeatFeatures
{
    /// <summary>Features per beat.</summary>
    public const int Count = 2 * Points + 17;

    private const int Points = 24;
    private const double FromSeconds = 0.12;
    private const double StepSeconds = 0.02;

    private readonly double _fs;
    private readonly int _step;
    private readonly int _from;
    private readonly int _qrsBefore;
    private readonly int _qrsAfter;
    private readonly BeatTemplates _templates = new(Points);
    private readonly double[] _shape = new double[Points];
    private readonly double[] _recent = new double[10];
    private int _recentCount;
    private double _longRr;

    /// <summary>Creates the extractor for <paramref name="samplingHz"/>.</summary>
    public BeatFeatures(double samplingHz)
    {
        _fs = samplingHz;
        _step = Math.Max(1, (int)Math.Round(StepSeconds * samplingHz));
        _from = (int)Math.Round(FromSeconds * samplingHz);
        _qrsBefore = (int)Math.Round(0.1 * samplingHz);
        _qrsAfter = (int)Math.Round(0.15 * samplingHz);
    }

    /// <summary>Bytes of state of one extractor.</summary>
    public static int StateBytes => (Points * 8) + BeatTemplates.StateBytes(Points) + (10 * 8) + 128;

    /// <summary>Forgets the template and RR history.</summary>
    public void Reset()
    {
        _templates.Reset();
        Array.Clear(_recent);
        _recentCount = 0;
        _longRr = 0;
    }

    internal static (Biquad HighPass, Biquad LowPass) Filters(double samplingHz) =>
        (Biquad.HighPass(1, samplingHz), Biquad.LowPass(Math.Min(40, 0.4 * samplingHz), samplingHz));

    /// <summary>Filters a whole signal 1–40 Hz (causal), as the extractor expects.</summary>
    public static float[] Prepare(ReadOnlySpan<float> samples, double samplingHz)
    {
        var (hp1, lp) = Filters(samplingHz);
        var result = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var x = float.IsFinite(samples[i]) ? samples[i] : 0;
            result[i] = (float)lp.Step(hp1.Step(x));
        }
        return result;
    }

    /// <summary>
    /// Writes the features of beat <paramref name="i"/> of <paramref name="beats"/> (sample numbers)
    /// into <paramref name="features"/> and returns whether the light tier flags it. Call for
    /// i = 0, 1, 2, … in order (the template and averages follow the stream).
    /// </summary>
    public bool Extract(ReadOnlySpan<float> prepared, IReadOnlyList<long> beats, int i, Span<float> features)
    {
        ArgumentNullException.ThrowIfNull(beats);
        var pre = i > 0 ? (beats[i] - beats[i - 1]) / _fs : double.NaN;
        var post = i + 1 < beats.Count ? (beats[i + 1] - beats[i]) / _fs : double.NaN;
        var start = beats[i] - _from;
        var segment = start >= 0 && start + SegmentLength <= prepared.Length ? prepared.Slice((int)start, SegmentLength) : [];
        return Extract(segment, pre, post, features);
    }

    /// <summary>Samples of prepared signal a beat's shape needs, starting 120 ms before its fiducial.</summary>
    public int SegmentLength => Points * _step;

    /// <summary>Samples from the start of a beat's segment to its fiducial point.</summary>
    public int SegmentLead => _from;

    /// <summary>
    /// The streaming form: <paramref name="segment"/> is the prepared signal from 120 ms before the
    /// fiducial (<see cref="SegmentLength"/> samples, or empty when it is no longer available),
    /// <paramref name="preSeconds"/> and <paramref name="postSeconds"/> the RR intervals before and
    /// after the beat (NaN when unknown). Returns whether the light tier flags the beat.
    /// </summary>
    public bool Extract(ReadOnlySpan<float> segment, double preSeconds, double postSeconds, Span<float> features)
    {
        var hasPrevious = !double.IsNaN(preSeconds);
        var pre = hasPrevious ? preSeconds : 0.8;
        var post = double.IsNaN(postSeconds) ? pre : postSeconds;
        var average = _recentCount > 0 ? Mean() : pre;
        if (_longRr == 0)
        {
            _longRr = average;
        }
        if (segment.Length < SegmentLength)
        {
            // The shape is not available (start of a stream, or a long gap): nothing to judge it by.
            features.Clear();
            RememberRr(hasPrevious, pre);
            return false;
        }
        var peak = Downsample(segment);
        var width = QrsWidth(segment);
        var premature = pre < 0.9 * average;
        var dominant = _templates.Dominant;
        var template = dominant < 0 ? _shape : _templates.Shape(dominant);
        var templatePeak = dominant < 0 ? peak : _templates.Peak(dominant);
        var templateWidth = dominant < 0 ? width : _templates.Width(dominant);
        var correlation = BeatTemplates.Correlation(_shape, template);
        var scale = templatePeak > 1e-6 ? templatePeak : 1;
        double area = 0, templateArea = 0, energy = 0, templateEnergy = 0, max = 0, min = 0, templateMax = 0, templateMin = 0;
        for (var p = 0; p < Points; p++)
        {
            features[p] = (float)((_shape[p] - template[p]) / scale);
            features[Points + p] = (float)(_shape[p] / scale);
            area += Math.Abs(_shape[p]);
            templateArea += Math.Abs(template[p]);
            energy += _shape[p] * _shape[p];
            templateEnergy += template[p] * template[p];
            (max, min) = (Math.Max(max, _shape[p]), Math.Min(min, _shape[p]));
            (templateMax, templateMin) = (Math.Max(templateMax, template[p]), Math.Min(templateMin, template[p]));
        }
        // Only now the beat joins its template (the dominant one may move by it).
        var share = _templates.Add(_shape, peak, width, premature, out var slot);
        var f = features[(2 * Points)..];
        f[0] = (float)(pre / average);
        f[1] = (float)(post / average);
        f[2] = (float)(pre / post);
        f[3] = (float)(average / _longRr);
        f[4] = (float)(pre / _longRr);
        f[5] = (float)(post / _longRr);
        f[6] = (float)(pre - average);
        f[7] = (float)correlation;
        f[8] = (float)(peak / scale);
        f[9] = (float)(templateArea > 0 ? area / templateArea : 1);
        f[10] = (float)(energy > 0 && templateEnergy > 0 ? Math.Log(energy / templateEnergy) : 0);
        f[11] = (float)(width * 1000 / 100);
        f[12] = (float)(templateWidth > 0 ? width / templateWidth : 1);
        f[13] = (float)share;
        f[14] = slot == _templates.Dominant ? 1 : 0;
        f[15] = (float)(Polarity(max, min) - Polarity(templateMax, templateMin));
        f[16] = (float)pre;

        // The light tier: premature, followed by a pause, or unlike the wearer's dominant beat.
        var unusual = correlation < 0.95 || peak > 1.3 * scale || peak < 0.75 * scale || width > 1.3 * templateWidth;
        RememberRr(hasPrevious, pre);
        return premature || unusual || post > 1.25 * average;
    }

    /// <summary>Averages the segment into <see cref="Points"/> steps, removes the mean, returns the peak magnitude.</summary>
    private double Downsample(ReadOnlySpan<float> segment)
    {
        double shapeMean = 0, peak = 0;
        for (var p = 0; p < Points; p++)
        {
            double sum = 0;
            var at = p * _step;
            for (var k = 0; k < _step; k++)
            {
                sum += segment[at + k];
            }
            _shape[p] = sum / _step;
            shapeMean += _shape[p];
        }
        shapeMean /= Points;
        for (var p = 0; p < Points; p++)
        {
            _shape[p] -= shapeMean;
            peak = Math.Max(peak, Math.Abs(_shape[p]));
        }
        return peak;
    }

    /// <summary>
    /// The QRS width, seconds: from the first to the last sample within −100 to +150 ms of the
    /// fiducial whose slope exceeds a fifth of the steepest slope there (a wide ventricular QRS keeps
    /// its slope for longer than a narrow supraventricular one).
    /// </summary>
    private double QrsWidth(ReadOnlySpan<float> segment)
    {
        var from = Math.Max(1, _from - _qrsBefore);
        var to = Math.Min(segment.Length - 1, _from + _qrsAfter);
        double steepest = 0;
        for (var k = from; k < to; k++)
        {
            steepest = Math.Max(steepest, Math.Abs(segment[k + 1] - segment[k - 1]));
        }
        if (steepest <= 0)
        {
            return 0;
        }
        int onset = -1, offset = -1;
        for (var k = from; k < to; k++)
        {
            if (Math.Abs(segment[k + 1] - segment[k - 1]) > 0.2 * steepest)
            {
                onset = onset < 0 ? k : onset;
                offset = k;
            }
        }
        return (offset - onset) / _fs;
    }

    private static double Polarity(double max, double min) => max - min > 0 ? (max + min) / (max - min) : 0;

    private void RememberRr(bool hasPrevious, double pre)
    {
        if (hasPrevious && pre > 0.25 && pre < 3)
        {
            _recent[_recentCount++ % _recent.Length] = pre;
            _longRr += (pre - _longRr) / 200;
        }
    }

    private double Mean()
    {
        var n = Math.Min(_recentCount, _recent.Length);
        double sum = 0;
        for (var k = 0; k < n; k++)
        {
            sum += _recent[k];
        }
        return sum / n;
    }
}
