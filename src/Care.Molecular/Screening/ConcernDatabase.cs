namespace Care.Molecular.Screening;

/// <summary>
/// A pluggable database of sequences of concern with its window indexes: every DNA seed of each
/// entry's coding strand and every reduced-alphabet protein seed of its translation. Build once;
/// immutable and thread safe afterwards.
/// </summary>
public sealed class ConcernDatabase
{
    private ConcernDatabase(IReadOnlyList<ConcernEntry> entries, ScreeningPolicy policy, SeedTable dna, SeedTable protein)
    {
        Entries = entries;
        Policy = policy;
        DnaSeeds = dna;
        ProteinSeeds = protein;
    }

    /// <summary>The entries, in the order given.</summary>
    public IReadOnlyList<ConcernEntry> Entries { get; }

    /// <summary>The thresholds screening uses with this database.</summary>
    public ScreeningPolicy Policy { get; }

    /// <summary>
    /// Windows the database answers for: per entry nucleotide one 30-nt and one 42-nt window (either
    /// strand) and per codon one 20-aa window, the counting used for the ≤ 50 ms at 10⁷ windows target.
    /// </summary>
    public long WindowCount => Entries.Sum(e => (long)Math.Max(0, e.CodingDna.Length - 29) + Math.Max(0, e.CodingDna.Length - 41) + Math.Max(0, e.Protein.Length - 19));

    internal SeedTable DnaSeeds { get; }

    internal SeedTable ProteinSeeds { get; }

    /// <summary>Indexes <paramref name="entries"/> (ids unique) under <paramref name="policy"/>.</summary>
    /// <exception cref="ArgumentException">Duplicate ids, no entries, or seeds out of range.</exception>
    public static ConcernDatabase Build(IReadOnlyList<ConcernEntry> entries, ScreeningPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("a screening database needs at least one entry", nameof(entries));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.DnaSeedLength, 12);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(policy.DnaSeedLength, 31);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.ProteinSeedLength, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(policy.ProteinSeedLength, 12);
        var duplicate = entries.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"entry id '{duplicate.Key}' appears twice", nameof(entries));
        }
        var dna = new List<(ulong, long)>(entries.Sum(e => e.CodingDna.Length));
        var protein = new List<(ulong, long)>(entries.Sum(e => e.Protein.Length));
        for (var n = 0; n < entries.Count; n++)
        {
            var entry = entries[n];
            foreach (var (position, code) in Seeds.Dna(entry.CodingDna, policy.DnaSeedLength))
            {
                dna.Add((code, ((long)n << 32) | (uint)position));
            }
            foreach (var (position, code) in Seeds.Protein(entry.Protein, policy.ProteinSeedLength))
            {
                protein.Add((code, ((long)n << 32) | (uint)position));
            }
        }
        return new ConcernDatabase(entries, policy, new SeedTable(dna), new SeedTable(protein));
    }
}
