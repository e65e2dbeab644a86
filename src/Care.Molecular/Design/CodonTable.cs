using System.Globalization;
using Care.Core.Errors;

namespace Care.Molecular.Design;

/// <summary>
/// A codon-usage table: the synonymous codons of every amino acid (one-letter code, <c>*</c> = stop)
/// with their relative frequencies, and the relative adaptiveness w = f / max f of each codon (for CAI).
/// Immutable; thread-safe.
/// </summary>
public sealed class CodonTable
{
    private readonly Dictionary<char, IReadOnlyList<(string Codon, double Weight)>> _codons;
    private readonly Dictionary<string, char> _aminoAcidOf;

    private CodonTable(Dictionary<char, IReadOnlyList<(string Codon, double Weight)>> codons)
    {
        _codons = codons;
        _aminoAcidOf = codons.SelectMany(kv => kv.Value.Select(c => (c.Codon, kv.Key))).ToDictionary(x => x.Codon, x => x.Key, StringComparer.Ordinal);
    }

    /// <summary>The codons of amino acid <paramref name="aminoAcid"/> with their w (0–1], or an empty list.</summary>
    public IReadOnlyList<(string Codon, double Weight)> CodonsOf(char aminoAcid) => _codons.TryGetValue(aminoAcid, out var list) ? list : [];

    /// <summary>The amino acid a codon encodes under this table, or null.</summary>
    public char? AminoAcidOf(string codon) => _aminoAcidOf.TryGetValue(codon, out var aa) ? aa : null;

    /// <summary>Codon adaptation index of a coding sequence: geometric mean of w over all its codons.</summary>
    public double Cai(string mrna)
    {
        ArgumentNullException.ThrowIfNull(mrna);
        var sum = 0.0;
        var count = mrna.Length / 3;
        for (var k = 0; k < count; k++)
        {
            var codon = mrna.Substring(3 * k, 3);
            var aa = AminoAcidOf(codon) ?? throw new InvalidInputException("mrna", $"codon {k + 1} '{codon}' is not in the codon table");
            sum += Math.Log(_codons[aa].First(c => c.Codon == codon).Weight);
        }
        return Math.Exp(sum / count);
    }

    /// <summary>Reads a CSV table with columns <c>amino_acid,codon,relative_frequency</c> (RNA or DNA alphabet).</summary>
    /// <exception cref="InvalidInputException">Missing file, bad header, malformed or duplicated codon, frequency out of [0, 1] (line named).</exception>
    public static CodonTable ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "codon table not found");
        }
        if (new FileInfo(path).Length > 1024 * 1024)
        {
            throw new InvalidInputException(path, "codon table is larger than 1 MiB");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses CSV <paramref name="text"/> (see <see cref="ReadFile"/>).</summary>
    public static CodonTable Parse(string text, string name = "codon table")
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        if (lines[0].Trim().TrimStart('\uFEFF') != "amino_acid,codon,relative_frequency")
        {
            throw new InvalidInputException(name, "line 1: header must be 'amino_acid,codon,relative_frequency'");
        }
        var freq = new Dictionary<char, List<(string Codon, double F)>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 1; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var cells = line.Split(',');
            if (cells.Length != 3 || cells[0].Length != 1)
            {
                throw new InvalidInputException(name, $"line {n + 1}: expected 'amino_acid,codon,relative_frequency'");
            }
            var aa = char.ToUpperInvariant(cells[0][0]);
            var codon = cells[1].Trim().ToUpperInvariant().Replace('T', 'U');
            if (codon.Length != 3 || codon.Any(c => c is not ('A' or 'C' or 'G' or 'U')))
            {
                throw new InvalidInputException(name, $"line {n + 1}: '{cells[1]}' is not a codon");
            }
            if (!"ACDEFGHIKLMNPQRSTVWY*".Contains(aa, StringComparison.Ordinal))
            {
                throw new InvalidInputException(name, $"line {n + 1}: '{cells[0]}' is not an amino-acid code");
            }
            if (!double.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || !(f >= 0 && f <= 1))
            {
                throw new InvalidInputException(name, $"line {n + 1}: frequency '{cells[2]}' is not a number in [0, 1]");
            }
            if (!seen.Add(codon))
            {
                throw new InvalidInputException(name, $"line {n + 1}: codon {codon} is listed twice");
            }
            if (!freq.TryGetValue(aa, out var list))
            {
                freq[aa] = list = [];
            }
            list.Add((codon, f));
        }
        if (seen.Count != 64)
        {
            throw new InvalidInputException(name, $"the table lists {seen.Count} codons, expected all 64");
        }
        var codons = new Dictionary<char, IReadOnlyList<(string, double)>>();
        foreach (var (aa, list) in freq)
        {
            var max = list.Max(c => c.F);
            if (max <= 0)
            {
                throw new InvalidInputException(name, $"amino acid {aa}: every codon has frequency 0");
            }
            // A codon never used gets a tiny w so that CAI stays defined (it is never chosen at lambda > 0).
            codons[aa] = list.OrderBy(c => c.Codon, StringComparer.Ordinal).Select(c => (c.Codon, Math.Max(c.F / max, 1e-6))).ToList();
        }
        return new CodonTable(codons);
    }
}
