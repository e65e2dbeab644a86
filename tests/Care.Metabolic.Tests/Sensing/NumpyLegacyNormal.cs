using Care.Metabolic.Sensing;

namespace Care.Metabolic.Tests.Sensing;

/// <summary>
/// The standard-normal draws of NumPy's legacy <c>RandomState(seed).randn()</c>: MT19937 seeded
/// with init_genrand, 53-bit doubles, and the polar method keeping the second value for the next
/// call. Used only to feed the simulator's reference noise with the same draws it had.
/// </summary>
internal sealed class NumpyLegacyNormal : IStandardNormalSource
{
    private readonly uint[] _mt = new uint[624];
    private int _index;
    private bool _hasGauss;
    private double _gauss;

    public NumpyLegacyNormal(uint seed)
    {
        _mt[0] = seed;
        for (var i = 1; i < 624; i++)
        {
            _mt[i] = unchecked(1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i);
        }
        _index = 624;
    }

    public double Next()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        var f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    private double NextDouble()
    {
        var a = NextUInt() >> 5;
        var b = NextUInt() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private uint NextUInt()
    {
        if (_index >= 624)
        {
            for (var i = 0; i < 624; i++)
            {
                var y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % 624] & 0x7fffffffu);
                _mt[i] = _mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
            }
            _index = 0;
        }
        var v = _mt[_index++];
        v ^= v >> 11;
        v ^= (v << 7) & 0x9d2c5680u;
        v ^= (v << 15) & 0xefc60000u;
        v ^= v >> 18;
        return v;
    }
}
