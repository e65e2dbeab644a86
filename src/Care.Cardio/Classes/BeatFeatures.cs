using Care.Cardio.Detection;

namespace Care.Cardio.Classes;

/// <summary>
/// Turns detected beats into the features of the beat classifier, the way a patch would: RR
/// context (previous, next and local average intervals) and the beat's shape (−120 to +360 ms
/// around the fiducial, filtered 1–40 Hz, averaged into 20 ms steps) compared with the wearer's own
/// running template of ordinary beats, so the features mean the same for every wearer.
/// Also computes the light tier's flag: whether the beat is premature, late, or unusual in shape,
/// and so worth the classifier. Needs the next beat (one beat of delay).
/// </summary>
public sealed class BeatFeatures
{
    /// <summary>Features per beat.</summary>
    public const int Count = 2 * Points + 10;

    private const int Points = 24;
    private const double FromSeconds = 0.12;
    private const double StepSeconds = 0.02;
    private const double TemplateRate = 1.0 / 32;

    private readonly double _fs;
    private readonly int _step;
    private readonly int _from;
    private readonly double[] _template = new double[Points];
    private readonly double[] _shape = new double[Points];
    private readonly double[] _recent = new double[10];
    private int _templateBeats;
    private int _recentCount;
    private double _longRr;

    /// <summary>Creates the extractor for <paramref name="samplingHz"/>.</summary>
    public BeatFeatures(double samplingHz)
    {
        _fs = samplingHz;
        _step = Math.Max(1, (int)Math.Round(StepSeconds * samplingHz));
        _from = (int)Math.Round(FromSeconds * samplingHz);
    }

    /// <summary>Bytes of state of one extractor.</summary>
    public static int StateBytes => (2 * Points + 10) * 8 + 128;

    /// <summary>Forgets the template and RR history.</summary>
    public void Reset()
    {
        Array.Clear(_template);
        Array.Clear(_recent);
        _templateBeats = 0;
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
        double peak = 0, shapeMean = 0;
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
        if (_templateBeats == 0)
        {
            Array.Copy(_shape, _template, Points);
        }
        double templatePeak = 0, dot = 0, nb = 0, nt = 0, area = 0, templateArea = 0;
        for (var p = 0; p < Points; p++)
        {
            templatePeak = Math.Max(templatePeak, Math.Abs(_template[p]));
            dot += _shape[p] * _template[p];
            nb += _shape[p] * _shape[p];
            nt += _template[p] * _template[p];
            area += Math.Abs(_shape[p]);
            templateArea += Math.Abs(_template[p]);
        }
        var correlation = nb > 0 && nt > 0 ? dot / Math.Sqrt(nb * nt) : 0;
        var scale = templatePeak > 1e-6 ? templatePeak : 1;
        for (var p = 0; p < Points; p++)
        {
            features[p] = (float)((_shape[p] - _template[p]) / scale);
        }
        features[Points] = (float)(pre / average);
        features[Points + 1] = (float)(post / average);
        features[Points + 2] = (float)(pre / post);
        features[Points + 3] = (float)(average / _longRr);
        features[Points + 4] = (float)correlation;
        features[Points + 5] = (float)(peak / scale);
        features[Points + 6] = (float)(templateArea > 0 ? area / templateArea : 1);
        features[Points + 7] = (float)(pre - average);
        // The beat's own shape, scaled by the template's peak, and its width: samples of the 20 ms
        // steps within ±100 ms of the fiducial whose magnitude exceeds half the beat's peak.
        var width = 0;
        for (var p = 0; p < Points; p++)
        {
            features[Points + 8 + p] = (float)(_shape[p] / scale);
            if (Math.Abs(_shape[p]) > 0.5 * peak)
            {
                width++;
            }
        }
        double templateWidth = 0;
        for (var p = 0; p < Points; p++)
        {
            if (Math.Abs(_template[p]) > 0.5 * templatePeak)
            {
                templateWidth++;
            }
        }
        features[2 * Points + 8] = width;
        features[2 * Points + 9] = (float)(templateWidth > 0 ? width / templateWidth : 1);

        // The light tier: premature, followed by a pause, or unlike the wearer's ordinary beat.
        var premature = pre < 0.9 * average;
        var unusual = correlation < 0.95 || peak > 1.3 * scale || peak < 0.75 * scale;
        var flagged = premature || unusual || post > 1.25 * average;
        if (!premature && correlation > 0.9)
        {
            for (var p = 0; p < Points; p++)
            {
                _template[p] += (_templateBeats < 8 ? 0.5 : TemplateRate) * (_shape[p] - _template[p]);
            }
            _templateBeats++;
        }
        RememberRr(hasPrevious, pre);
        return flagged;
    }

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
