namespace Care.Molecular.Rna;

/// <summary>
/// McCaskill's partition function over all secondary structures in the nearest-neighbour model,
/// with the loop limits of <see cref="MfeFolder"/> (hairpins ≥ 3 nt, interior loops ≤ 30 unpaired,
/// canonical pairs, lonely pairs allowed), as ViennaRNA's <c>RNAfold -p</c> computes it: the
/// ensemble free energy, base-pair probabilities (inside–outside), the probability of the MFE
/// structure and the ensemble diversity. 37 °C, kT = 310.15 K × 1.98717 cal/(mol·K).
/// Memory 6 n² doubles; time O(n³). Thread-safe: every call allocates its own tables.
/// </summary>
/// <remarks>
/// Overflow: every table entry over the segment i..j is stored divided by s^(j−i+1), with the
/// per-nucleotide scale s = exp(−1.07 · MFE / (kT · n)) (ViennaRNA's <c>pf_scale</c> estimate), so the
/// stored numbers stay near 1 for any length whose scaled open chain s^−n is above 1e−300 (many
/// thousands of nucleotides); the true ln Z is ln Z̃ + n ln s.
/// The decomposition is unambiguous (each structure counted once): exterior prefix Z5, pair Qb,
/// multi-loop segment with ≥ 1 branch Qm, and Qm1 (one branch starting at i, then unpaired).
/// </remarks>
public sealed class PartitionFolder
{
    private const int Turn = 3;
    private const int TableLow = -20_000;
    private const int TableHigh = 40_000;

    /// <summary>kT at 37 °C in cal/mol (ViennaRNA: (37 + 273.15) × GASCONST 1.98717).</summary>
    public const double KtCalPerMol = (37.0 + 273.15) * 1.98717;

    private readonly EnergyParameters _p;
    private readonly MfeFolder _mfe;
    private readonly double[] _boltzmann;

    /// <summary>Creates a folder over parameter set <paramref name="parameters"/>.</summary>
    public PartitionFolder(EnergyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _p = parameters;
        _mfe = new MfeFolder(parameters);
        _boltzmann = new double[TableHigh - TableLow + 1];
        for (var e = TableLow; e <= TableHigh; e++)
        {
            _boltzmann[e - TableLow] = Math.Exp(-e * 10.0 / KtCalPerMol);
        }
    }

    /// <summary>Computes the ensemble of <paramref name="sequence"/> (ACGU; T read as U).</summary>
    /// <exception cref="Care.Core.Errors.InvalidInputException">A character that is not a base (position named).</exception>
    public PartitionResult Fold(string sequence, Dangles dangles) => Fold(RnaBases.Encode(sequence), dangles);

    /// <summary>Computes the ensemble of an encoded sequence (codes 1–4).</summary>
    public PartitionResult Fold(ReadOnlySpan<byte> seq, Dangles dangles)
    {
        var n = seq.Length;
        var d2 = dangles == Dangles.Double;
        var mfe = _mfe.Fold(seq, dangles);
        var kTkcal = KtCalPerMol / 1000.0;
        var lnS = n == 0 ? 0 : -1.07 * mfe.EnergyKcalPerMol / (kTkcal * n);
        var sc = new double[n + 3];
        for (var k = 0; k < sc.Length; k++)
        {
            sc[k] = Math.Exp(-k * lnS);
        }
        var mlBase = B(_p.MultiBase);
        var mlUnpaired = new double[n + 1];
        for (var k = 0; k <= n; k++)
        {
            mlUnpaired[k] = Math.Pow(mlBase, k) * sc[k];
        }
        var qb = new double[n * n];
        var qm = new double[n * n];
        var qm1 = new double[n * n];
        var stemM = new double[n * n];
        var ext = new double[n * n];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = i + Turn + 1; j < n; j++)
            {
                var type = RnaBases.Pair(seq[i], seq[j]);
                var ij = (i * n) + j;
                var qbij = 0.0;
                if (type != 0)
                {
                    stemM[ij] = B(LoopEnergy.MultiStem(_p, type, d2 && i > 0 ? seq[i - 1] : -1, d2 && j < n - 1 ? seq[j + 1] : -1));
                    ext[ij] = B(LoopEnergy.ExteriorStem(_p, type, d2 && i > 0 ? seq[i - 1] : -1, d2 && j < n - 1 ? seq[j + 1] : -1));
                    qbij = HairpinBoltzmann(seq, i, j, type) * sc[j - i + 1];
                    var maxP = Math.Min(i + EnergyParameters.MaxLoop + 1, j - Turn - 2);
                    for (var p = i + 1; p <= maxP; p++)
                    {
                        var n1 = p - i - 1;
                        var minQ = Math.Max(p + Turn + 1, j - 1 - (EnergyParameters.MaxLoop - n1));
                        for (var q = j - 1; q >= minQ; q--)
                        {
                            var inner = qb[(p * n) + q];
                            if (inner != 0)
                            {
                                qbij += inner * InteriorBoltzmann(seq, i, j, p, q, type) * sc[n1 + (j - q - 1) + 2];
                            }
                        }
                    }
                    if (j - i - 1 >= 2 * (Turn + 2))
                    {
                        var closing = Closing(seq, i, j, d2) * sc[2];
                        var sum = 0.0;
                        var rowM = (i + 1) * n;
                        for (var u = i + Turn + 3; u <= j - Turn - 2; u++)
                        {
                            sum += qm[rowM + u - 1] * qm1[(u * n) + j - 1];
                        }
                        qbij += sum * closing;
                    }
                }
                qb[ij] = qbij;
                qm1[ij] = (qm1[ij - 1] * mlBase * sc[1]) + (qbij * stemM[ij]);
                var m = 0.0;
                var row = i * n;
                for (var u = i; u <= j - Turn - 1; u++)
                {
                    var left = mlUnpaired[u - i] + (u > i ? qm[row + u - 1] : 0);
                    m += left * qm1[(u * n) + j];
                }
                qm[ij] = m;
            }
        }
        var z5 = new double[n + 1];
        z5[0] = 1;
        for (var j = 0; j < n; j++)
        {
            var v = z5[j] * sc[1];
            for (var k = 0; k <= j - Turn - 1; k++)
            {
                var kj = (k * n) + j;
                if (qb[kj] != 0)
                {
                    v += z5[k] * qb[kj] * ext[kj];
                }
            }
            z5[j + 1] = v;
        }
        var z3 = new double[n + 1];
        z3[n] = 1;
        for (var i = n - 1; i >= 0; i--)
        {
            var v = z3[i + 1] * sc[1];
            for (var l = i + Turn + 1; l < n; l++)
            {
                var il = (i * n) + l;
                if (qb[il] != 0)
                {
                    v += qb[il] * ext[il] * z3[l + 1];
                }
            }
            z3[i] = v;
        }
        var z = z5[n];
        var lnZ = Math.Log(z) + (n * lnS);
        if (!double.IsFinite(lnZ))
        {
            throw new InvalidOperationException($"partition function out of range for a sequence of {n} nt (scaled Z = {z})");
        }
        var probabilities = Outside(seq, d2, qb, qm, qm1, stemM, ext, z5, z3, sc, mlBase, mlUnpaired, z);
        var ensemble = -kTkcal * lnZ;
        var mfeProbability = Math.Exp(-(mfe.EnergyDcalPerMol * 10.0 / KtCalPerMol) - lnZ);
        return new PartitionResult(n, ensemble, mfe, mfeProbability, probabilities);
    }

    // Inside–outside: returns the pair probabilities P(i, j) in an n × n upper-triangular table.
    private double[] Outside(ReadOnlySpan<byte> seq, bool d2, double[] qb, double[] qm, double[] qm1, double[] stemM, double[] ext, double[] z5, double[] z3, double[] sc, double mlBase, double[] mlUnpaired, double z)
    {
        var n = seq.Length;
        var ob = new double[n * n];
        var om = new double[n * n];
        var om1 = new double[n * n];
        for (var d = n - 1; d >= Turn + 1; d--)
        {
            for (var i = 0; i + d < n; i++)
            {
                var j = i + d;
                var ij = (i * n) + j;
                var row = i * n;
                // Qm(i,j) = Σ_u (unpaired(i..u−1) + Qm(i,u−1)) · Qm1(u,j): Om(i,j) is final here (only larger spans feed it).
                var omij = om[ij];
                if (omij != 0)
                {
                    for (var u = i; u <= j - Turn - 1; u++)
                    {
                        var uj = (u * n) + j;
                        var left = mlUnpaired[u - i] + (u > i ? qm[row + u - 1] : 0);
                        om1[uj] += omij * left;
                        if (u > i)
                        {
                            om[row + u - 1] += omij * qm1[uj];
                        }
                    }
                }
                // Qm1(i,j) = Qm1(i,j−1) · unpaired + Qb(i,j) · stem.
                var om1ij = om1[ij];
                if (om1ij != 0)
                {
                    om1[ij - 1] += om1ij * mlBase * sc[1];
                }
                var qbij = qb[ij];
                if (qbij == 0)
                {
                    ob[ij] = 0;
                    continue;
                }
                var obij = ob[ij] + (om1ij * stemM[ij]) + (z5[i] * ext[ij] * z3[j + 1]);
                var type = RnaBases.Pair(seq[i], seq[j]);
                var maxP = Math.Min(i + EnergyParameters.MaxLoop + 1, j - Turn - 2);
                for (var p = i + 1; p <= maxP; p++)
                {
                    var n1 = p - i - 1;
                    var minQ = Math.Max(p + Turn + 1, j - 1 - (EnergyParameters.MaxLoop - n1));
                    for (var q = j - 1; q >= minQ; q--)
                    {
                        var pq = (p * n) + q;
                        if (qb[pq] != 0)
                        {
                            ob[pq] += obij * InteriorBoltzmann(seq, i, j, p, q, type) * sc[n1 + (j - q - 1) + 2];
                        }
                    }
                }
                if (j - i - 1 >= 2 * (Turn + 2))
                {
                    var w = obij * Closing(seq, i, j, d2) * sc[2];
                    var rowM = (i + 1) * n;
                    for (var u = i + Turn + 3; u <= j - Turn - 2; u++)
                    {
                        var uj1 = (u * n) + j - 1;
                        om[rowM + u - 1] += w * qm1[uj1];
                        om1[uj1] += w * qm[rowM + u - 1];
                    }
                }
                // Ob(i,j) is not read again: keep the probability in its place.
                ob[ij] = Math.Min(1.0, qbij * obij / z);
            }
        }
        return ob;
    }

    private double Closing(ReadOnlySpan<byte> seq, int i, int j, bool d2) =>
        B(_p.MultiClosing + LoopEnergy.MultiStem(_p, RnaBases.Pair(seq[j], seq[i]), d2 ? seq[j - 1] : -1, d2 ? seq[i + 1] : -1));

    private double InteriorBoltzmann(ReadOnlySpan<byte> seq, int i, int j, int p, int q, int type) =>
        B(LoopEnergy.Interior(_p, p - i - 1, j - q - 1, type, RnaBases.Pair(seq[q], seq[p]), seq[i + 1], seq[j - 1], seq[p - 1], seq[q + 1]));

    // ViennaRNA's exp_E_Hairpin extrapolates loops beyond 30 nt without truncating to whole dcal/mol.
    private double HairpinBoltzmann(ReadOnlySpan<byte> seq, int i, int j, int type)
    {
        var e = (double)LoopEnergy.Hairpin(_p, seq, i, j, type);
        var size = j - i - 1;
        if (size > EnergyParameters.MaxLoop)
        {
            var x = _p.Lxc * Math.Log(size / 30.0);
            e += x - (int)x;
        }
        return Math.Exp(-e * 10.0 / KtCalPerMol);
    }

    private double B(int dcal) => dcal is >= TableLow and <= TableHigh ? _boltzmann[dcal - TableLow] : Math.Exp(-dcal * 10.0 / KtCalPerMol);
}
