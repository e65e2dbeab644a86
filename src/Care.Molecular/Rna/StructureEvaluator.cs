using Care.Core.Errors;

namespace Care.Molecular.Rna;

/// <summary>
/// Free energy of a given sequence and structure, loop by loop, as <c>RNAeval</c> computes it
/// (loops of any size; beyond 30 nt extrapolated with lxc · ln(n/30)). Thread-safe.
/// </summary>
public sealed class StructureEvaluator
{
    private readonly EnergyParameters _p;

    /// <summary>Creates an evaluator over parameter set <paramref name="parameters"/>.</summary>
    public StructureEvaluator(EnergyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _p = parameters;
    }

    /// <summary>Total free energy in dcal/mol of <paramref name="structure"/> on <paramref name="sequence"/>.</summary>
    /// <exception cref="InvalidInputException">Bad bases, bad brackets, a non-canonical pair or a hairpin under 3 nt (position named).</exception>
    public int Energy(string sequence, string structure, Dangles dangles) => Loops(sequence, structure, dangles).Sum(l => l.EnergyDcalPerMol);

    /// <summary>The loops of <paramref name="structure"/> with their energies in dcal/mol, exterior loop first, then 5′ to 3′ by closing pair.</summary>
    /// <exception cref="InvalidInputException">Bad bases, bad brackets, a non-canonical pair or a hairpin under 3 nt (position named).</exception>
    public IReadOnlyList<LoopContribution> Loops(string sequence, string structure, Dangles dangles)
    {
        var s = RnaBases.Encode(sequence);
        var pt = DotBracket.Parse(structure, s.Length);
        return Loops(s, pt, dangles);
    }

    /// <summary>The loops of pair table <paramref name="pairs"/> on encoded <paramref name="seq"/> (see <see cref="Loops(string, string, Dangles)"/>).</summary>
    public IReadOnlyList<LoopContribution> Loops(ReadOnlySpan<byte> seq, ReadOnlySpan<int> pairs, Dangles dangles)
    {
        var n = seq.Length;
        for (var i = 0; i < n; i++)
        {
            var j = pairs[i];
            if (j > i)
            {
                if (RnaBases.Pair(seq[i], seq[j]) == 0)
                {
                    throw new InvalidInputException("structure", $"positions {i + 1} and {j + 1}: {RnaBases.Letter(seq[i])}-{RnaBases.Letter(seq[j])} is not a canonical pair (AU, CG, GU)");
                }
                if (j - i - 1 < 3)
                {
                    var inner = false;
                    for (var k = i + 1; k < j; k++)
                    {
                        inner |= pairs[k] >= 0;
                    }
                    if (!inner)
                    {
                        throw new InvalidInputException("structure", $"positions {i + 1} and {j + 1}: a hairpin needs at least 3 unpaired bases");
                    }
                }
            }
        }
        var d2 = dangles == Dangles.Double;
        var loops = new List<LoopContribution>();
        var exterior = 0;
        var closing = new List<(int I, int J)>();
        for (var k = 0; k < n; k++)
        {
            if (pairs[k] > k)
            {
                var l = pairs[k];
                exterior += LoopEnergy.ExteriorStem(_p, RnaBases.Pair(seq[k], seq[l]), d2 && k > 0 ? seq[k - 1] : -1, d2 && l < n - 1 ? seq[l + 1] : -1);
                closing.Add((k, l));
                k = l;
            }
        }
        loops.Add(new LoopContribution(LoopKind.Exterior, 0, 0, 0, 0, exterior));
        var inside = new List<LoopContribution>();
        for (var c = 0; c < closing.Count; c++)
        {
            var (i, j) = closing[c];
            inside.Add(Closed(seq, pairs, i, j, d2, closing));
        }
        inside.Sort((a, b) => a.I.CompareTo(b.I));
        loops.AddRange(inside);
        return loops;
    }

    private LoopContribution Closed(ReadOnlySpan<byte> seq, ReadOnlySpan<int> pairs, int i, int j, bool d2, List<(int I, int J)> closing)
    {
        var type = RnaBases.Pair(seq[i], seq[j]);
        var branches = 0;
        int first = -1, firstEnd = -1;
        var unpaired = 0;
        for (var k = i + 1; k < j; k++)
        {
            if (pairs[k] > k)
            {
                branches++;
                if (first < 0)
                {
                    first = k;
                    firstEnd = pairs[k];
                }
                closing.Add((k, pairs[k]));
                k = pairs[k];
            }
            else
            {
                unpaired++;
            }
        }
        if (branches == 0)
        {
            return new LoopContribution(LoopKind.Hairpin, i + 1, j + 1, 0, 0, LoopEnergy.Hairpin(_p, seq, i, j, type));
        }
        if (branches == 1)
        {
            int p = first, q = firstEnd;
            var e = LoopEnergy.Interior(_p, p - i - 1, j - q - 1, type, RnaBases.Pair(seq[q], seq[p]), seq[i + 1], seq[j - 1], seq[p - 1], seq[q + 1]);
            return new LoopContribution(LoopKind.Interior, i + 1, j + 1, p + 1, q + 1, e);
        }
        var energy = _p.MultiClosing + (unpaired * _p.MultiBase)
            + LoopEnergy.MultiStem(_p, RnaBases.Pair(seq[j], seq[i]), d2 ? seq[j - 1] : -1, d2 ? seq[i + 1] : -1);
        for (var k = i + 1; k < j; k++)
        {
            if (pairs[k] > k)
            {
                var l = pairs[k];
                energy += LoopEnergy.MultiStem(_p, RnaBases.Pair(seq[k], seq[l]), d2 ? seq[k - 1] : -1, d2 ? seq[l + 1] : -1);
                k = l;
            }
        }
        return new LoopContribution(LoopKind.Multi, i + 1, j + 1, 0, 0, energy);
    }
}
