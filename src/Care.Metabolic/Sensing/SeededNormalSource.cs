namespace Care.Metabolic.Sensing;

/// <summary>
/// Reproducible standard-normal draws from a seed: <see cref="Random"/> with the seed and the
/// Marsaglia polar method. Not thread-safe.
/// </summary>
public sealed class SeededNormalSource : IStandardNormalSource
{
    private readonly Random _random;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates the stream for <paramref name="seed"/>; the same seed gives the same draws.</summary>
    public SeededNormalSource(int seed)
    {
        _random = new Random(seed);
    }

    /// <inheritdoc/>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double x, y, r2;
        do
        {
            x = 2.0 * _random.NextDouble() - 1.0;
            y = 2.0 * _random.NextDouble() - 1.0;
            r2 = x * x + y * y;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        var f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _spare = f * x;
        _hasSpare = true;
        return f * y;
    }
}
