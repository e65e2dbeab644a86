namespace Care.Molecular.Rna;

/// <summary>The Boltzmann ensemble of one RNA (see <see cref="PartitionFolder"/>).</summary>
public sealed class PartitionResult
{
    private readonly double[] _probabilities;

    internal PartitionResult(int length, double ensembleFreeEnergy, FoldResult mfe, double mfeProbability, double[] probabilities)
    {
        Length = length;
        EnsembleFreeEnergyKcalPerMol = ensembleFreeEnergy;
        Mfe = mfe;
        MfeStructureProbability = mfeProbability;
        _probabilities = probabilities;
        var d = 0.0;
        foreach (var p in probabilities)
        {
            d += p * (1 - p);
        }
        EnsembleDiversity = 2 * d;
    }

    /// <summary>Sequence length.</summary>
    public int Length { get; }

    /// <summary>Ensemble free energy −kT ln Z, kcal/mol.</summary>
    public double EnsembleFreeEnergyKcalPerMol { get; }

    /// <summary>The MFE structure (same tie-breaking as <see cref="MfeFolder"/>).</summary>
    public FoldResult Mfe { get; }

    /// <summary>Boltzmann probability of the MFE structure.</summary>
    public double MfeStructureProbability { get; }

    /// <summary>Mean base-pair distance between two structures drawn from the ensemble: 2 Σ p(1 − p) (ViennaRNA's ensemble diversity).</summary>
    public double EnsembleDiversity { get; }

    /// <summary>Probability that bases <paramref name="i"/> and <paramref name="j"/> (0-based, i &lt; j) pair.</summary>
    public double Probability(int i, int j)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(j, Length);
        return i < j ? _probabilities[(i * Length) + j] : i > j ? _probabilities[(j * Length) + i] : 0;
    }

    /// <summary>Every pair with probability at least <paramref name="minimum"/>, 1-based positions, 5′ base first.</summary>
    public IReadOnlyList<PairProbability> Pairs(double minimum)
    {
        var list = new List<PairProbability>();
        for (var i = 0; i < Length; i++)
        {
            for (var j = i + 1; j < Length; j++)
            {
                var p = _probabilities[(i * Length) + j];
                if (p >= minimum && p > 0)
                {
                    list.Add(new PairProbability(i + 1, j + 1, p));
                }
            }
        }
        return list;
    }
}

/// <summary>A base pair (1-based positions) and its probability in the ensemble.</summary>
public readonly record struct PairProbability(int I, int J, double Probability);
