using Care.Core.Errors;
using Care.Molecular.Sequences;

namespace Care.Molecular.Screening;

/// <summary>
/// Screens a double-stranded DNA order against a <see cref="ConcernDatabase"/>: both strands in
/// 30- and 42-nt DNA windows, and all six frames in 20-aa windows compared in the reduced alphabet
/// (so synonymous recodings and conservative substitutions still match). A window is compared
/// only where an exact seed hit puts an entry on the same diagonal (seed-and-verify, as in BLAST);
/// a verified window extends over the whole diagonal. Point mutations are tolerated up to the
/// policy's mismatches per window. Stateless apart from the database; thread safe.
/// </summary>
public sealed class OrderScreener
{
    /// <summary>Longest order screened in one call (nt).</summary>
    public const int MaxOrderLength = 1_000_000;

    private readonly ConcernDatabase _db;
    private readonly sbyte[][] _entryReduced;

    /// <summary>Creates a screener over <paramref name="database"/>.</summary>
    public OrderScreener(ConcernDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _db = database;
        _entryReduced = [.. database.Entries.Select(e => Reduce(e.Protein))];
    }

    /// <summary>
    /// Screens <paramref name="order"/> (upper-case A/C/G/T). Throws <see cref="InvalidInputException"/>
    /// naming the offset when the order is empty, too long or holds another letter.
    /// </summary>
    public ScreeningResult Screen(string order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Length == 0)
        {
            throw new InvalidInputException("order", "order is empty");
        }
        if (order.Length > MaxOrderLength)
        {
            throw new InvalidInputException("order", $"order is {order.Length} nt, more than {MaxOrderLength}");
        }
        if (Dna.FirstInvalid(order) is var bad and >= 0)
        {
            throw new InvalidInputException($"order byte {bad}", $"'{order[bad]}' is not A, C, G or T");
        }
        var hits = new List<ScreeningHit>();
        var reverse = Dna.ReverseComplement(order);
        ScreenDna(order, +1, hits);
        ScreenDna(reverse, -1, hits);
        foreach (var frame in SixFrames.Translate(order))
        {
            ScreenProtein(frame, order.Length, hits);
        }
        hits.Sort((a, b) => a.EntryId != b.EntryId ? string.CompareOrdinal(a.EntryId, b.EntryId) : a.OrderStart.CompareTo(b.OrderStart));
        var coverage = hits.GroupBy(h => h.EntryId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => UnionLength(g.Select(h => (h.OrderStart, h.OrderEnd))), StringComparer.Ordinal);
        return new ScreeningResult(order.Length, hits, coverage, _db.Policy.FlagLengthNt);
    }

    /// <summary>Total length of the union of half-open intervals.</summary>
    public static int UnionLength(IEnumerable<(int Start, int End)> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var total = 0;
        var end = int.MinValue;
        foreach (var (s, e) in intervals.OrderBy(i => i.Start))
        {
            if (e <= end)
            {
                continue;
            }
            total += e - Math.Max(s, end);
            end = e;
        }
        return total;
    }

    private void ScreenDna(string query, int strand, List<ScreeningHit> hits)
    {
        var policy = _db.Policy;
        var done = new HashSet<long>();
        var dna30 = new WindowRule(30, policy.Dna30MinMatches, policy.Dna30MinMatches);
        var dna42 = new WindowRule(42, policy.Dna42MinMatches, policy.Dna42MinMatches);
        foreach (var (position, code) in Seeds.Dna(query, policy.DnaSeedLength))
        {
            var (start, end) = _db.DnaSeeds.Find(code);
            for (var p = start; p < end; p++)
            {
                var posting = _db.DnaSeeds.Posting(p);
                var n = (int)(posting >> 32);
                var diagonal = position - (int)(uint)posting;
                var key = ((long)n << 32) | (uint)diagonal;
                if (done.Contains(key))
                {
                    continue;
                }
                var entry = _db.Entries[n].CodingDna;
                int Same(int i) => query[i] == entry[i - diagonal] ? 2 : 0;
                var lo = Math.Max(0, diagonal);
                var hi = Math.Min(query.Length, diagonal + entry.Length);
                var localLo = Math.Max(lo, position + policy.DnaSeedLength - 42);
                var localHi = Math.Min(hi, position + 42);
                if (!WindowRuns.Any(Same, localLo, localHi, dna30) && !WindowRuns.Any(Same, localLo, localHi, dna42))
                {
                    continue;
                }
                done.Add(key);
                var runs = WindowRuns.Find(Same, lo, hi, [dna30, dna42]);
                foreach (var (a, b, identity) in runs)
                {
                    var (fa, fb) = strand > 0 ? (a, b) : (query.Length - b, query.Length - a);
                    hits.Add(new ScreeningHit(_db.Entries[n].Id, HitKind.Dna, strand, fa, fb, a - diagonal, b - diagonal, identity));
                }
            }
        }
    }

    private void ScreenProtein(TranslatedFrame frame, int orderLength, List<ScreeningHit> hits)
    {
        var policy = _db.Policy;
        var protein = frame.Protein;
        var query = Reduce(protein);
        var done = new HashSet<long>();
        var rule = new WindowRule(20, policy.Protein20MinMatches, policy.Protein20MinIdentical);
        foreach (var (position, code) in Seeds.Protein(frame.Protein, policy.ProteinSeedLength))
        {
            var (start, end) = _db.ProteinSeeds.Find(code);
            for (var p = start; p < end; p++)
            {
                var posting = _db.ProteinSeeds.Posting(p);
                var n = (int)(posting >> 32);
                var diagonal = position - (int)(uint)posting;
                var key = ((long)n << 32) | (uint)diagonal;
                if (done.Contains(key))
                {
                    continue;
                }
                var entry = _entryReduced[n];
                var entryProtein = _db.Entries[n].Protein;
                int Same(int i) => query[i] < 0 || query[i] != entry[i - diagonal] ? 0 : protein[i] == entryProtein[i - diagonal] ? 2 : 1;
                var lo = Math.Max(0, diagonal);
                var hi = Math.Min(query.Length, diagonal + entry.Length);
                if (!WindowRuns.Any(Same, Math.Max(lo, position + policy.ProteinSeedLength - 20), Math.Min(hi, position + 20), rule))
                {
                    continue;
                }
                done.Add(key);
                foreach (var (a, b, identity) in WindowRuns.Find(Same, lo, hi, [rule]))
                {
                    var offset = Math.Abs(frame.Frame) - 1;
                    var (s, e) = (offset + (3 * a), offset + (3 * b));
                    var (fa, fb) = frame.Frame > 0 ? (s, e) : (orderLength - e, orderLength - s);
                    hits.Add(new ScreeningHit(_db.Entries[n].Id, HitKind.Protein, frame.Frame, fa, fb, 3 * (a - diagonal), 3 * (b - diagonal), identity));
                }
            }
        }
    }

    private static sbyte[] Reduce(string protein)
    {
        var codes = new sbyte[protein.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = (sbyte)ReducedAlphabet.Code(protein[i]);
        }
        return codes;
    }
}
