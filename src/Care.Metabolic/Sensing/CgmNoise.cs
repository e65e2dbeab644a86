namespace Care.Metabolic.Sensing;

/// <summary>
/// The CGM sensor error of MODEL.md section 6: a latent sequence on a 15-minute grid
/// (e_k = PACF * (e_{k-1} + z_k)), a Johnson SU transform to mg/dL, and a not-a-knot cubic
/// spline up-sampled to the sensor period in 150-minute blocks. Each <see cref="Next"/> returns
/// the error of the next reading. Allocates only at construction; not thread-safe.
/// </summary>
public sealed class CgmNoise
{
    private const int KnotsPerBlock = 10;
    private const double KnotMinutes = 15.0;

    private readonly CgmSensorParameters _sensor;
    private readonly IStandardNormalSource _draws;
    private readonly double[,] _weights;
    private readonly double[] _knots = new double[KnotsPerBlock + 1];
    private readonly double[] _block;
    private int _blockPosition;
    private double _latent;
    private bool _started;

    /// <summary>Creates the noise stream for <paramref name="sensor"/> fed by <paramref name="draws"/>.</summary>
    public CgmNoise(CgmSensorParameters sensor, IStandardNormalSource draws)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(draws);
        _sensor = sensor;
        _draws = draws;
        var perBlock = (int)Math.Floor(KnotsPerBlock * KnotMinutes / sensor.SampleMinutes);
        var targets = Enumerable.Range(1, perBlock).Select(i => (double)(i * sensor.SampleMinutes)).ToArray();
        _weights = NotAKnotSpline.Weights(KnotsPerBlock + 1, KnotMinutes, targets);
        _block = new double[perBlock];
        _blockPosition = perBlock;
    }

    /// <summary>The error (mg/dL) to add to the next reading.</summary>
    public double Next()
    {
        if (_blockPosition == _block.Length)
        {
            FillBlock();
        }
        return _block[_blockPosition++];
    }

    private void FillBlock()
    {
        if (!_started)
        {
            _knots[KnotsPerBlock] = NextKnot();
            _started = true;
        }
        // Each block starts at the last knot of the previous one, so the noise is continuous.
        _knots[0] = _knots[KnotsPerBlock];
        for (var k = 1; k <= KnotsPerBlock; k++)
        {
            _knots[k] = NextKnot();
        }
        for (var t = 0; t < _block.Length; t++)
        {
            var sum = 0.0;
            for (var k = 0; k <= KnotsPerBlock; k++)
            {
                sum += _weights[t, k] * _knots[k];
            }
            _block[t] = sum;
        }
        _blockPosition = 0;
    }

    private double NextKnot()
    {
        _latent = !_started ? _draws.Next() : _sensor.Pacf * (_latent + _draws.Next());
        return _sensor.Xi + _sensor.Lambda * Math.Sinh((_latent - _sensor.Gamma) / _sensor.Delta);
    }
}
