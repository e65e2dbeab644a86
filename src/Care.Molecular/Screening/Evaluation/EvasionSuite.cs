using System.Globalization;
using System.Text;
using Care.Molecular.Sequences;

namespace Care.Molecular.Screening.Evaluation;

/// <summary>
/// Derives evasion cases from a database of (synthetic) sequences of concern, from a seed: exact
/// fragments from 50 nt up, reverse complements, codon-shuffled recodings, 1–10 % point
/// mutations, fragments embedded in real plasmid backbones, orders split in 3–10 parts, and
/// harder combinations reported apart. Deterministic for a seed; thread safe.
/// </summary>
public static class EvasionSuite
{
    /// <summary>The classes the ≥ 99 % recall target applies to, in report order.</summary>
    public static IReadOnlyList<string> TargetClasses { get; } =
    [
        "fragment 50-199 nt",
        "fragment 200 nt-full",
        "reverse complement 50 nt-full",
        "codon-shuffled recoding (full)",
        "point mutations 1-10 % (full)",
        "embedded in plasmid backbone",
        "split in 3-10 orders",
    ];

    /// <summary>Harder combinations beyond the classes, reported apart (no target).</summary>
    public static IReadOnlyList<string> StressClasses { get; } =
    [
        "recoded fragment 60-299 nt",
        "mutated 1-10 % fragment 50-299 nt",
    ];

    /// <summary>
    /// <paramref name="perClass"/> cases of every class, each from a random entry; backbones are
    /// benign sequences (≥ 100 nt) the fragments are embedded in.
    /// </summary>
    public static IReadOnlyList<EvasionCase> Generate(IReadOnlyList<ConcernEntry> entries, IReadOnlyList<string> backbones, int seed, int perClass)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(backbones);
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 1);
        if (backbones.Count == 0)
        {
            throw new ArgumentException("at least one backbone is needed", nameof(backbones));
        }
        var random = new Random(seed);
        var cases = new List<EvasionCase>();
        var c = CultureInfo.InvariantCulture;
        foreach (var name in TargetClasses.Concat(StressClasses))
        {
            for (var k = 1; k <= perClass; k++)
            {
                var entry = entries[random.Next(entries.Count)];
                var gene = entry.CodingDna;
                var customer = $"{name}#{k}";
                EvasionCase Make(string order, string detail) => new(name, k, entry.Id, customer, [order], detail);
                switch (name)
                {
                    case "fragment 50-199 nt":
                        {
                            var (start, length) = Fragment(random, gene.Length, 50, 199);
                            cases.Add(Make(gene.Substring(start, length), string.Create(c, $"{length} nt at {start}")));
                            break;
                        }
                    case "fragment 200 nt-full":
                        {
                            var (start, length) = Fragment(random, gene.Length, 200, gene.Length);
                            cases.Add(Make(gene.Substring(start, length), string.Create(c, $"{length} nt at {start}")));
                            break;
                        }
                    case "reverse complement 50 nt-full":
                        {
                            var (start, length) = Fragment(random, gene.Length, 50, gene.Length);
                            cases.Add(Make(Dna.ReverseComplement(gene.AsSpan(start, length)), string.Create(c, $"{length} nt at {start}")));
                            break;
                        }
                    case "codon-shuffled recoding (full)":
                        cases.Add(Make(Recode(random, gene), "every codon redrawn among its synonyms"));
                        break;
                    case "point mutations 1-10 % (full)":
                        {
                            var rate = 0.01 + (0.09 * random.NextDouble());
                            cases.Add(Make(Mutate(random, gene, rate), string.Create(c, $"rate {rate:P1}")));
                            break;
                        }
                    case "embedded in plasmid backbone":
                        {
                            var (start, length) = Fragment(random, gene.Length, 50, gene.Length);
                            var b = random.Next(backbones.Count);
                            var backbone = backbones[b];
                            var at = random.Next(backbone.Length + 1);
                            var piece = gene.Substring(start, length);
                            if (random.Next(2) == 1)
                            {
                                piece = Dna.ReverseComplement(piece);
                            }
                            cases.Add(Make(string.Concat(backbone.AsSpan(0, at), piece, backbone.AsSpan(at)), string.Create(c, $"{length} nt at {start} into backbone {b + 1} at {at}")));
                            break;
                        }
                    case "split in 3-10 orders":
                        {
                            var parts = random.Next(3, 11);
                            var cuts = Enumerable.Range(0, parts - 1).Select(_ => random.Next(1, gene.Length)).Append(0).Append(gene.Length).Distinct().Order().ToArray();
                            var pieces = new List<string>();
                            for (var i = 0; i + 1 < cuts.Length; i++)
                            {
                                var piece = gene[cuts[i]..cuts[i + 1]];
                                pieces.Add(random.Next(2) == 1 ? Dna.ReverseComplement(piece) : piece);
                            }
                            Shuffle(random, pieces);
                            cases.Add(new EvasionCase(name, k, entry.Id, customer, pieces, string.Create(c, $"{pieces.Count} pieces of {string.Join('/', pieces.Select(p => p.Length))} nt")));
                            break;
                        }
                    case "recoded fragment 60-299 nt":
                        {
                            var (start, length) = Fragment(random, gene.Length / 3, 20, 99);
                            cases.Add(Make(Recode(random, gene.Substring(3 * start, 3 * length)), string.Create(c, $"{3 * length} nt at {3 * start}")));
                            break;
                        }
                    case "mutated 1-10 % fragment 50-299 nt":
                        {
                            var (start, length) = Fragment(random, gene.Length, 50, 299);
                            var rate = 0.01 + (0.09 * random.NextDouble());
                            cases.Add(Make(Mutate(random, gene.Substring(start, length), rate), string.Create(c, $"{length} nt at {start}, rate {rate:P1}")));
                            break;
                        }
                    default:
                        throw new InvalidOperationException($"unknown class {name}");
                }
            }
        }
        return cases;
    }

    /// <summary>Every codon replaced by a random synonymous codon (a different one where the amino acid has one).</summary>
    public static string Recode(Random random, string codingDna)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(codingDna);
        var result = new StringBuilder(codingDna.Length);
        for (var i = 0; i + 3 <= codingDna.Length; i += 3)
        {
            var codon = codingDna.Substring(i, 3);
            var synonyms = GeneticCode.CodonsOf(GeneticCode.Translate(codon[0], codon[1], codon[2])).Where(s => s != codon).ToList();
            result.Append(synonyms.Count == 0 ? codon : synonyms[random.Next(synonyms.Count)]);
        }
        return result.ToString();
    }

    /// <summary>Each base substituted by another with probability <paramref name="rate"/>.</summary>
    public static string Mutate(Random random, string dna, double rate)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(dna);
        var chars = dna.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (random.NextDouble() < rate)
            {
                chars[i] = Dna.Base((Dna.Code(chars[i]) + random.Next(1, 4)) & 3);
            }
        }
        return new string(chars);
    }

    private static (int Start, int Length) Fragment(Random random, int total, int min, int max)
    {
        var length = Math.Min(total, random.Next(min, Math.Max(min, max) + 1));
        return (random.Next(total - length + 1), length);
    }

    private static void Shuffle(Random random, List<string> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
