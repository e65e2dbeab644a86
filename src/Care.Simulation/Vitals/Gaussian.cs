namespace Care.Simulation.Vitals;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Marsaglia polar method).</summary>
internal sealed class Gaussian(Random random)
{
    private double _spare;
    private bool _hasSpare;

    public Random Random => random;

    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = (random.NextDouble() * 2) - 1;
            v = (random.NextDouble() * 2) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    public double Uniform(double low, double high) => low + ((high - low) * random.NextDouble());
}
