using Care.Cardio.Detection;

namespace Care.Cardio.Rhythm;

/// <summary>
/// Tracks how consistent the atrial activity before each QRS is: the ECG from 350 ms to 70 ms before
/// the fiducial point, band-passed 1–15 Hz and averaged into 10 ms steps, is correlated with a
/// running template of the same segment. A P wave that precedes every beat the same way gives a
/// correlation near 1; atrial fibrillation, which has no P waves, gives a low one. Holds the last
/// 2.5 s of the band-passed signal in a ring. No allocation after construction; not thread safe.
/// </summary>
public sealed class AtrialActivity
{
    private const double FromSeconds = 0.35;
    private const double ToSeconds = 0.07;
    private const double StepSeconds = 0.01;
    private const double TemplateRate = 1.0 / 16;

    private readonly int _points;
    private readonly int _step;
    private readonly int _from;
    private readonly int _ringMask;
    private readonly float[] _ring;
    private readonly double[] _segment;
    private readonly double[] _template;
    private Biquad _highPass;
    private Biquad _lowPass;
    private long _n;
    private int _templateBeats;

    /// <summary>Creates the tracker for a stream at <paramref name="samplingHz"/>; the ring keeps at least <paramref name="historySeconds"/>.</summary>
    public AtrialActivity(double samplingHz, double historySeconds = 2.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplingHz, QrsDetector.MinSamplingHz);
        _step = Math.Max(1, (int)Math.Round(StepSeconds * samplingHz));
        _from = (int)Math.Round(FromSeconds * samplingHz);
        _points = (int)Math.Round((FromSeconds - ToSeconds) / StepSeconds);
        var ring = 1;
        while (ring < historySeconds * samplingHz + _from)
        {
            ring <<= 1;
        }
        _ringMask = ring - 1;
        _ring = new float[ring];
        _segment = new double[_points];
        _template = new double[_points];
        _highPass = Biquad.HighPass(1, samplingHz);
        _lowPass = Biquad.LowPass(15, samplingHz);
    }

    /// <summary>Bytes of state.</summary>
    public int StateBytes => _ring.Length * 4 + _points * 16 + 128;

    /// <summary>Forgets the signal and the template.</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        Array.Clear(_template);
        _highPass.Reset();
        _lowPass.Reset();
        _n = 0;
        _templateBeats = 0;
    }

    /// <summary>Feeds samples (the same stream, in order, as the QRS detector sees).</summary>
    public void Append(ReadOnlySpan<float> samples)
    {
        foreach (var x in samples)
        {
            var v = float.IsFinite(x) ? x : 0f;
            _ring[(int)(_n & _ringMask)] = (float)_lowPass.Step(_highPass.Step(v));
            _n++;
        }
    }

    /// <summary>
    /// The correlation (−1 to 1) of the atrial segment before the QRS at <paramref name="fiducial"/>
    /// with the running template, then updates the template. NaN when the segment is no longer (or
    /// not yet) in the ring, or for the first beats while the template forms.
    /// </summary>
    public double Correlate(long fiducial)
    {
        var start = fiducial - _from;
        if (start < 0 || start < _n - _ringMask || start + _points * _step > _n)
        {
            return double.NaN;
        }
        double mean = 0;
        for (var p = 0; p < _points; p++)
        {
            double sum = 0;
            var at = start + p * _step;
            for (var k = 0; k < _step; k++)
            {
                sum += _ring[(int)((at + k) & _ringMask)];
            }
            _segment[p] = sum / _step;
            mean += _segment[p];
        }
        mean /= _points;
        double norm = 0;
        for (var p = 0; p < _points; p++)
        {
            _segment[p] -= mean;
            norm += _segment[p] * _segment[p];
        }
        if (norm <= 0)
        {
            return double.NaN;
        }
        norm = Math.Sqrt(norm);
        double dot = 0, templateNorm = 0;
        for (var p = 0; p < _points; p++)
        {
            _segment[p] /= norm;
            dot += _segment[p] * _template[p];
            templateNorm += _template[p] * _template[p];
        }
        var result = _templateBeats >= 8 && templateNorm > 0 ? dot / Math.Sqrt(templateNorm) : double.NaN;
        for (var p = 0; p < _points; p++)
        {
            _template[p] += TemplateRate * (_segment[p] - _template[p]);
        }
        _templateBeats++;
        return result;
    }
}
