namespace Care.Molecular.Screening;

/// <summary>
/// An immutable multimap from a seed code (a k-mer packed in a <see cref="ulong"/>) to postings
/// (entry number, offset in the entry). Keys are scrambled by a bijective mix and sorted; a
/// directory over the top bits of the mixed key gives each lookup a short range to scan, so a
/// lookup costs one or two cache misses whatever the size. Seeds with more than
/// <see cref="MaxPostings"/> postings (low-complexity repeats) are dropped at build time.
/// Thread safe for lookups.
/// </summary>
internal sealed class SeedTable
{
    /// <summary>Postings kept per seed at most.</summary>
    public const int MaxPostings = 256;

    private readonly ulong[] _keys;
    private readonly long[] _postings;
    private readonly int[] _directory;
    private readonly int _shift;

    public SeedTable(List<(ulong Key, long Posting)> items)
    {
        var keys = new ulong[items.Count];
        var postings = new long[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            keys[i] = Mix(items[i].Key);
            postings[i] = items[i].Posting;
        }
        Array.Sort(keys, postings);
        (keys, postings) = DropRepeats(keys, postings);
        _keys = keys;
        _postings = postings;
        var bits = Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(2, keys.Length))), 4, 26);
        _shift = 64 - bits;
        _directory = new int[(1 << bits) + 1];
        var k = 0;
        for (var b = 0; b < (1 << bits); b++)
        {
            _directory[b] = k;
            while (k < keys.Length && (int)(keys[k] >> _shift) == b)
            {
                k++;
            }
        }
        _directory[1 << bits] = keys.Length;
    }

    /// <summary>Number of postings held.</summary>
    public int Count => _keys.Length;

    /// <summary>The postings of <paramref name="key"/>, as a range of <see cref="Posting"/> indices.</summary>
    public (int Start, int End) Find(ulong key)
    {
        var mixed = Mix(key);
        var bucket = (int)(mixed >> _shift);
        var start = _directory[bucket];
        var end = _directory[bucket + 1];
        while (start < end && _keys[start] != mixed)
        {
            start++;
        }
        var stop = start;
        while (stop < end && _keys[stop] == mixed)
        {
            stop++;
        }
        return (start, stop);
    }

    /// <summary>Posting <paramref name="i"/>: entry number in the high 32 bits, offset in the low 32.</summary>
    public long Posting(int i) => _postings[i];

    /// <summary>A bijective 64-bit mix (SplitMix64 finaliser), so that equal mixed keys mean equal keys.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9UL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebUL;
        x ^= x >> 31;
        return x;
    }

    private static (ulong[] Keys, long[] Postings) DropRepeats(ulong[] keys, long[] postings)
    {
        var keep = new List<int>(keys.Length);
        var i = 0;
        while (i < keys.Length)
        {
            var j = i;
            while (j < keys.Length && keys[j] == keys[i])
            {
                j++;
            }
            if (j - i <= MaxPostings)
            {
                for (var k = i; k < j; k++)
                {
                    keep.Add(k);
                }
            }
            i = j;
        }
        if (keep.Count == keys.Length)
        {
            return (keys, postings);
        }
        return (keep.Select(k => keys[k]).ToArray(), keep.Select(k => postings[k]).ToArray());
    }
}
