using Care.Molecular.Rna;

namespace Care.Molecular.Design;

/// <summary>
/// Designs a coding sequence by minimum-free-energy folding over the codon lattice (Zuker–Stiegler
/// intersected with the lattice of synonymous codons, as LinearDesign; Zhang et al., Nature 2023):
/// minimises MFE (Turner 2004, no dangles) + λ · Σ −ln w(codon) in one dynamic programme whose states
/// carry the codon prefix at each end, so every chosen sequence is a valid translation.
/// The search is exact for structures whose interior loops have at most
/// <see cref="DesignOptions.MaxInteriorUnpaired"/> unpaired bases and whose hairpins have 3–30 (special
/// hairpin bonuses are not searched); the result is then refolded exactly, so the reported MFE can
/// only be lower than the search's. Memory and time grow as n² and n³ (n = 3 × protein length).
/// </summary>
public sealed partial class LatticeDesigner
{
    private readonly EnergyParameters _p;
    private readonly CodonTable _table;
    private readonly MfeFolder _folder;

    /// <summary>Creates a designer over an energy parameter set and a codon table.</summary>
    public LatticeDesigner(EnergyParameters parameters, CodonTable table)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(table);
        _p = parameters;
        _table = table;
        _folder = new MfeFolder(parameters);
    }

    /// <summary>Designs an mRNA for <paramref name="protein"/> (validated; a final '*' becomes a stop codon).</summary>
    /// <exception cref="Care.Core.Errors.InvalidInputException">Unknown residue, internal stop, or a residue the codon table lacks.</exception>
    public MrnaDesign Design(string protein, DesignOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Lambda);
        if (double.IsNaN(options.Lambda) || double.IsInfinity(options.Lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "lambda must be a finite number");
        }
        var p = ProteinSequence.Validate(protein);
        for (var k = 0; k < p.Length; k++)
        {
            if (_table.CodonsOf(p[k]).Count == 0)
            {
                throw new Care.Core.Errors.InvalidInputException("protein", $"position {k + 1}: the codon table has no codon for '{p[k]}'");
            }
        }
        var lattice = new CodonLattice(p, _table, options.Lambda);
        var search = new Search(_p, lattice, options.MaxInteriorUnpaired, options.Beam);
        var (letters, objective) = search.Run();
        var chars = new char[lattice.N];
        for (var i = 0; i < lattice.N; i++)
        {
            chars[i] = lattice.Prefix[i][letters[i]][^1];
        }
        var mrna = new string(chars);
        Check(p, mrna);
        var fold = _folder.Fold(mrna, Dangles.None);
        return new MrnaDesign(p, mrna, fold.EnergyKcalPerMol, fold.Structure, _table.Cai(mrna), options.Lambda, objective / 100.0);
    }

    private void Check(string protein, string mrna)
    {
        for (var k = 0; k < protein.Length; k++)
        {
            if (_table.AminoAcidOf(mrna.Substring(3 * k, 3)) != protein[k])
            {
                throw new InvalidOperationException($"design does not translate back at codon {k + 1}");
            }
        }
    }
}
