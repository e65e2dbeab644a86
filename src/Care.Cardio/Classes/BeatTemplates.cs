namespace Care.Cardio.Classes;

/// <summary>
/// The wearer's own beat shapes, clustered as they stream: up to <see cref="Slots"/> templates,
/// each with a decaying weight. A beat joins the template it correlates with best (at least
/// <see cref="JoinCorrelation"/>, peak within 70–140 % of it) or replaces the lightest template.
/// The dominant template is the heaviest one, where premature beats add only a quarter of the
/// weight of on-time beats: in ventricular bigeminy (half the beats ectopic, all of them premature)
/// the ordinary beat stays dominant, which a running average of the previous beats does not.
/// Allocates at construction only. Not thread safe.
/// </summary>
internal sealed class BeatTemplates
{
    public const int Slots = 4;
    private const double JoinCorrelation = 0.92;
    private const double Decay = 0.99;     // weight memory of about 100 beats
    private const double MinRate = 1.0 / 32;

    private readonly int _points;
    private readonly double[][] _shape;
    private readonly double[] _peak = new double[Slots];
    private readonly double[] _width = new double[Slots];
    private readonly double[] _weight = new double[Slots];
    private readonly int[] _members = new int[Slots];

    public BeatTemplates(int points)
    {
        _points = points;
        _shape = new double[Slots][];
        for (var s = 0; s < Slots; s++)
        {
            _shape[s] = new double[points];
        }
    }

    public static int StateBytes(int points) => Slots * ((points * 8) + 36);

    /// <summary>The heaviest template's slot, or −1 before the first beat.</summary>
    public int Dominant { get; private set; } = -1;

    public ReadOnlySpan<double> Shape(int slot) => _shape[slot];

    public double Peak(int slot) => _peak[slot];

    public double Width(int slot) => _width[slot];

    public void Reset()
    {
        foreach (var s in _shape)
        {
            Array.Clear(s);
        }
        Array.Clear(_peak);
        Array.Clear(_width);
        Array.Clear(_weight);
        Array.Clear(_members);
        Dominant = -1;
    }

    /// <summary>
    /// Adds a beat (mean-removed <paramref name="shape"/>, its peak magnitude and QRS width) and
    /// returns (with its template in <paramref name="slot"/>) that template's share of the recent weight (0–1) after adding it. Call
    /// <see cref="Dominant"/> before adding to compare a beat with the template it should match.
    /// </summary>
    public double Add(ReadOnlySpan<double> shape, double peak, double width, bool premature, out int slot)
    {
        var best = -1;
        var bestCorrelation = double.NegativeInfinity;
        var lightest = 0;
        for (var s = 0; s < Slots; s++)
        {
            _weight[s] *= Decay;
            if (_weight[s] < _weight[lightest])
            {
                lightest = s;
            }
            if (_members[s] == 0 || peak < 0.7 * _peak[s] || peak > 1.4 * _peak[s])
            {
                continue;
            }
            var c = Correlation(shape, _shape[s]);
            if (c > bestCorrelation)
            {
                bestCorrelation = c;
                best = s;
            }
        }
        if (best < 0 || bestCorrelation < JoinCorrelation)
        {
            best = lightest;
            _members[best] = 0;
            _weight[best] = 0;
        }
        var rate = Math.Max(MinRate, 1.0 / (_members[best] + 1));
        var row = _shape[best];
        for (var p = 0; p < _points; p++)
        {
            row[p] += rate * (shape[p] - row[p]);
        }
        _peak[best] += rate * (peak - _peak[best]);
        _width[best] += rate * (width - _width[best]);
        _members[best]++;
        _weight[best] += premature ? 0.25 : 1;
        double total = 0;
        var dominant = 0;
        for (var s = 0; s < Slots; s++)
        {
            total += _weight[s];
            dominant = _weight[s] > _weight[dominant] ? s : dominant;
        }
        Dominant = dominant;
        slot = best;
        return total > 0 ? _weight[best] / total : 1;
    }

    public static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var p = 0; p < a.Length; p++)
        {
            dot += a[p] * b[p];
            na += a[p] * a[p];
            nb += b[p] * b[p];
        }
        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }
}
