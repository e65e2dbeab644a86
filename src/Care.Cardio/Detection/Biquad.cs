namespace Care.Cardio.Detection;

/// <summary>
/// A second-order IIR section (direct form II transposed) with Butterworth designs by the bilinear
/// transform. A mutable struct held in a field of its owner: no allocation per sample.
/// </summary>
internal struct Biquad
{
    private readonly double _b0, _b1, _b2, _a1, _a2;
    private double _z1, _z2;

    private Biquad(double b0, double b1, double b2, double a1, double a2)
    {
        _b0 = b0;
        _b1 = b1;
        _b2 = b2;
        _a1 = a1;
        _a2 = a2;
    }

    /// <summary>Second-order Butterworth low-pass with cut-off <paramref name="cutoffHz"/>.</summary>
    public static Biquad LowPass(double cutoffHz, double samplingHz)
    {
        var k = Math.Tan(Math.PI * cutoffHz / samplingHz);
        var norm = 1 / (1 + Math.Sqrt(2) * k + k * k);
        var b0 = k * k * norm;
        return new Biquad(b0, 2 * b0, b0, 2 * (k * k - 1) * norm, (1 - Math.Sqrt(2) * k + k * k) * norm);
    }

    /// <summary>Second-order Butterworth high-pass with cut-off <paramref name="cutoffHz"/>.</summary>
    public static Biquad HighPass(double cutoffHz, double samplingHz)
    {
        var k = Math.Tan(Math.PI * cutoffHz / samplingHz);
        var norm = 1 / (1 + Math.Sqrt(2) * k + k * k);
        return new Biquad(norm, -2 * norm, norm, 2 * (k * k - 1) * norm, (1 - Math.Sqrt(2) * k + k * k) * norm);
    }

    public double Step(double x)
    {
        var y = _b0 * x + _z1;
        _z1 = _b1 * x - _a1 * y + _z2;
        _z2 = _b2 * x - _a2 * y;
        return y;
    }

    public void Reset()
    {
        _z1 = 0;
        _z2 = 0;
    }

    /// <summary>The phase of the response at <paramref name="omega"/> (radians per sample).</summary>
    public readonly double Phase(double omega)
    {
        var (nr, ni) = (_b0 + _b1 * Math.Cos(omega) + _b2 * Math.Cos(2 * omega), -_b1 * Math.Sin(omega) - _b2 * Math.Sin(2 * omega));
        var (dr, di) = (1 + _a1 * Math.Cos(omega) + _a2 * Math.Cos(2 * omega), -_a1 * Math.Sin(omega) - _a2 * Math.Sin(2 * omega));
        return Math.Atan2(ni, nr) - Math.Atan2(di, dr);
    }

    /// <summary>The group delay in samples at <paramref name="frequencyHz"/>.</summary>
    public readonly double GroupDelay(double frequencyHz, double samplingHz)
    {
        var w = 2 * Math.PI * frequencyHz / samplingHz;
        const double dw = 1e-4;
        var d = Phase(w + dw) - Phase(w - dw);
        d = Math.IEEERemainder(d, 2 * Math.PI);
        return -d / (2 * dw);
    }
}
