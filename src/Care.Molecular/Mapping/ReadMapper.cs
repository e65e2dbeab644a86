using Care.Molecular.Sequences;

namespace Care.Molecular.Mapping;

/// <summary>
/// Maps reads to one reference (an ordered construct of up to a few hundred kb) the way
/// minimap2's short-read mode does in spirit: exact 15-mer seeds on both strands vote for a
/// diagonal, then a banded local alignment (match +2, mismatch −4, gap −4, band ±12) around it gives
/// the aligned span, clipping and edits. Immutable after construction; <see cref="Map"/> is thread safe.
/// </summary>
public sealed class ReadMapper
{
    /// <summary>Seed length (nt).</summary>
    public const int K = 15;

    private const int Band = 12;
    private const int Match = 2;
    private const int Mismatch = -4;
    private const int Gap = -4;
    private readonly string _reference;
    private readonly Dictionary<uint, int[]> _seeds;

    /// <summary>Indexes <paramref name="reference"/> (A/C/G/T, at least <see cref="K"/> nt).</summary>
    public ReadMapper(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Length < K || Dna.FirstInvalid(reference) >= 0)
        {
            throw new ArgumentException($"the reference needs at least {K} nt of A, C, G, T", nameof(reference));
        }
        _reference = reference;
        var lists = new Dictionary<uint, List<int>>();
        foreach (var (position, code) in Codes(reference))
        {
            if (!lists.TryGetValue(code, out var list))
            {
                lists[code] = list = [];
            }
            list.Add(position);
        }
        _seeds = lists.Where(p => p.Value.Count <= 64).ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    /// <summary>The reference.</summary>
    public string Reference => _reference;

    /// <summary>
    /// Aligns <paramref name="read"/>; null when no seed places it on the reference or the best
    /// local alignment scores below 30. With <paramref name="columns"/>, the aligned
    /// (reference position, read base) pairs of matches and mismatches are appended (for a pileup).
    /// </summary>
    public ReadAlignment? Map(string read, List<(int Position, char Base)>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        var forward = BestDiagonal(read);
        var reverseRead = Dna.ReverseComplement(read);
        // A read placed firmly on the forward strand needs no reverse vote.
        var reverse = forward.Votes >= 4 ? (Diagonal: 0, Votes: 0) : BestDiagonal(reverseRead);
        if (forward.Votes == 0 && reverse.Votes == 0)
        {
            return null;
        }
        var useReverse = reverse.Votes > forward.Votes;
        var (query, diagonal) = useReverse ? (reverseRead, reverse.Diagonal) : (read, forward.Diagonal);
        if (Ungapped(query, diagonal, useReverse, columns) is { } fast)
        {
            return fast;
        }
        return Align(query, diagonal, useReverse, columns);
    }

    private (int Diagonal, int Votes) BestDiagonal(string read)
    {
        // Few distinct diagonals per read: a small list beats a dictionary.
        Span<int> diagonals = stackalloc int[32];
        Span<int> votes = stackalloc int[32];
        var distinct = 0;
        foreach (var (position, code) in Codes(read))
        {
            if (position % 2 != 0 || !_seeds.TryGetValue(code, out var hits))
            {
                continue;
            }
            foreach (var r in hits)
            {
                var d = r - position;
                var slot = diagonals[..distinct].IndexOf(d);
                if (slot >= 0)
                {
                    votes[slot]++;
                }
                else if (distinct < diagonals.Length)
                {
                    diagonals[distinct] = d;
                    votes[distinct++] = 1;
                }
            }
        }
        var best = (Diagonal: 0, Votes: 0);
        for (var i = 0; i < distinct; i++)
        {
            if (votes[i] > best.Votes || (votes[i] == best.Votes && diagonals[i] < best.Diagonal))
            {
                best = (diagonals[i], votes[i]);
            }
        }
        return best;
    }

    /// <summary>The common case: the whole read on one diagonal inside the reference with at most 4 mismatches.</summary>
    private ReadAlignment? Ungapped(string read, int diagonal, bool reverse, List<(int, char)>? columns)
    {
        if (diagonal < 0 || diagonal + read.Length > _reference.Length)
        {
            return null;
        }
        var mismatches = 0;
        var reference = _reference.AsSpan(diagonal, read.Length);
        for (var i = 0; i < read.Length; i++)
        {
            if (read[i] != reference[i] && ++mismatches > 4)
            {
                return null;
            }
        }
        if (columns is not null)
        {
            for (var i = 0; i < read.Length; i++)
            {
                columns.Add((diagonal + i, read[i]));
            }
        }
        return new ReadAlignment(reverse, 0, read.Length, diagonal, diagonal + read.Length, read.Length - mismatches, mismatches, 0, 0, read.Length);
    }

    private ReadAlignment? Align(string read, int diagonal, bool reverse, List<(int, char)>? columns)
    {
        const int width = (2 * Band) + 1;
        var n = read.Length;
        var h = new int[(n + 1) * width];
        var dir = new byte[(n + 1) * width];
        var best = (Score: 0, I: 0, K: 0);
        for (var i = 1; i <= n; i++)
        {
            for (var k = 0; k < width; k++)
            {
                var j = i + diagonal + k - Band; // 1-based reference column
                if (j < 1 || j > _reference.Length)
                {
                    continue;
                }
                var cell = (i * width) + k;
                var score = 0;
                byte from = 0;
                var diag = h[((i - 1) * width) + k] + (read[i - 1] == _reference[j - 1] ? Match : Mismatch);
                if (diag > score)
                {
                    (score, from) = (diag, 1);
                }
                if (k + 1 < width && h[((i - 1) * width) + k + 1] + Gap > score)
                {
                    (score, from) = (h[((i - 1) * width) + k + 1] + Gap, 2);
                }
                if (k > 0 && h[cell - 1] + Gap > score)
                {
                    (score, from) = (h[cell - 1] + Gap, 3);
                }
                h[cell] = score;
                dir[cell] = from;
                if (score > best.Score)
                {
                    best = (score, i, k);
                }
            }
        }
        if (best.Score < 30)
        {
            return null;
        }
        int matches = 0, mismatches = 0, insertions = 0, deletions = 0;
        var (ci, ck) = (best.I, best.K);
        var readEnd = ci;
        var refEnd = ci + diagonal + ck - Band;
        while (dir[(ci * width) + ck] != 0)
        {
            var j = ci + diagonal + ck - Band;
            switch (dir[(ci * width) + ck])
            {
                case 1:
                    if (read[ci - 1] == _reference[j - 1])
                    {
                        matches++;
                    }
                    else
                    {
                        mismatches++;
                    }
                    columns?.Add((j - 1, read[ci - 1]));
                    ci--;
                    break;
                case 2:
                    insertions++;
                    ci--;
                    ck++;
                    break;
                default:
                    deletions++;
                    ck--;
                    break;
            }
        }
        var refStart = ci + diagonal + ck - Band;
        return new ReadAlignment(reverse, ci, readEnd, refStart, refEnd, matches, mismatches, insertions, deletions, n);
    }

    private static IEnumerable<(int Position, uint Code)> Codes(string sequence)
    {
        const uint mask = (1u << (2 * K)) - 1;
        uint code = 0;
        var valid = 0;
        for (var i = 0; i < sequence.Length; i++)
        {
            var c = Dna.Code(sequence[i]);
            if (c < 0)
            {
                valid = 0;
                continue;
            }
            code = ((code << 2) | (uint)c) & mask;
            if (++valid >= K)
            {
                yield return (i - K + 1, code);
            }
        }
    }
}
