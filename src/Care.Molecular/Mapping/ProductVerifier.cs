using Care.Molecular.Sequences;

namespace Care.Molecular.Mapping;

/// <summary>
/// Verifies a product read by read against what was ordered: maps every read
/// (<see cref="ReadMapper"/>), builds coverage and a pileup, and reports missing ranges, variants
/// and every read or cluster that does not belong. Pure; thread safe.
/// </summary>
public static class ProductVerifier
{
    /// <summary>Verifies <paramref name="reads"/> (bases only are used) against <paramref name="ordered"/>.</summary>
    public static ProductVerification Verify(string ordered, IReadOnlyList<FastqRecord> reads, VerificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var mapper = new ReadMapper(ordered);
        var length = ordered.Length;
        var counts = new int[length, 4];
        var depth = new int[length + 1];
        var foreign = new List<(string Id, string Bases, bool Partly)>();
        var columns = new List<(int Position, char Base)>(512);
        var belonging = 0;
        var identity = 0.0;
        foreach (var read in reads)
        {
            columns.Clear();
            var alignment = mapper.Map(read.Bases, columns);
            if (alignment is { } a && a.Identity >= policy.MinIdentity && a.ClippedBases <= policy.MaxClippedBases)
            {
                belonging++;
                identity += a.Identity;
                depth[a.ReferenceStart]++;
                depth[a.ReferenceEnd]--;
                foreach (var (position, b) in columns)
                {
                    var code = Dna.Code(b);
                    if (code >= 0)
                    {
                        counts[position, code]++;
                    }
                }
            }
            else
            {
                foreign.Add((read.Id, read.Bases, alignment is { } p && p.ReadEnd - p.ReadStart >= 30 && p.Identity >= policy.MinIdentity));
            }
        }
        var coverage = new int[length];
        var running = 0;
        for (var i = 0; i < length; i++)
        {
            running += depth[i];
            coverage[i] = running;
        }
        var median = length == 0 ? 0 : coverage.Order().ElementAt(length / 2);
        var missing = new List<(int, int)>();
        var threshold = policy.MinDepthFraction * median;
        var start = -1;
        for (var i = 0; i <= length; i++)
        {
            var low = i < length && coverage[i] < threshold;
            if (low && start < 0)
            {
                start = i;
            }
            else if (!low && start >= 0)
            {
                missing.Add((start, i));
                start = -1;
            }
        }
        var variants = new List<ProductVariant>();
        for (var i = 0; i < length; i++)
        {
            var total = counts[i, 0] + counts[i, 1] + counts[i, 2] + counts[i, 3];
            var best = 0;
            for (var c = 1; c < 4; c++)
            {
                if (counts[i, c] > counts[i, best])
                {
                    best = c;
                }
            }
            if (total > 0 && Dna.Base(best) != ordered[i] && counts[i, best] >= policy.MinVariantReads && counts[i, best] >= policy.VariantFraction * total)
            {
                variants.Add(new ProductVariant(i, ordered[i], Dna.Base(best), (double)counts[i, best] / total, total));
            }
        }
        var clusters = Cluster(foreign);
        var reasons = new List<string>();
        if (median < policy.MinMedianDepth)
        {
            reasons.Add($"median depth {median} is below {policy.MinMedianDepth}: inconclusive, sequence more");
        }
        else if (missing.Count > 0)
        {
            reasons.Add($"ordered bases missing or under-covered: {string.Join(", ", missing.Take(5).Select(m => $"{m.Item1 + 1}..{m.Item2}"))} (truncated or deleted product)");
        }
        if (variants.Count > 0)
        {
            reasons.Add($"{variants.Count} base(s) differ from the order, first at {variants[0].Position + 1} ({variants[0].Ordered}→{variants[0].Found}, {variants[0].Fraction:P0} of {variants[0].Depth} reads)");
        }
        if (foreign.Count > policy.MaxForeignReads)
        {
            reasons.Add($"{foreign.Count} reads do not belong to the order ({clusters.Count} cluster(s), largest {clusters[0].Reads} reads, e.g. {clusters[0].FirstReadId}{(clusters.Sum(c => c.PartlyMapped) > 0 ? $"; {clusters.Sum(c => c.PartlyMapped)} span a junction with the order" : "")})");
        }
        return new ProductVerification(reads.Count, belonging, foreign.Count, clusters, median, belonging == 0 ? 0 : identity / belonging, missing, variants, reasons);
    }

    private static List<ForeignCluster> Cluster(List<(string Id, string Bases, bool Partly)> foreign)
    {
        // Union-find over reads sharing a 15-mer (either strand).
        var parent = Enumerable.Range(0, foreign.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < foreign.Count; r++)
        {
            foreach (var strand in new[] { foreign[r].Bases, Dna.ReverseComplement(foreign[r].Bases) })
            {
                for (var i = 0; i + ReadMapper.K <= strand.Length; i++)
                {
                    var kmer = strand.Substring(i, ReadMapper.K);
                    if (owner.TryGetValue(kmer, out var other))
                    {
                        parent[Find(r)] = Find(other);
                    }
                    else
                    {
                        owner[kmer] = r;
                    }
                }
            }
        }
        return [.. Enumerable.Range(0, foreign.Count).GroupBy(Find)
            .Select(g => new ForeignCluster(g.Count(), foreign[g.First()].Id, g.Count(r => foreign[r].Partly)))
            .OrderByDescending(c => c.Reads)];
    }
}
