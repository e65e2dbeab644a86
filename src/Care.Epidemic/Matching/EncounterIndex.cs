using System.Numerics;
using Care.Epidemic.Proximity;

namespace Care.Epidemic.Matching;

/// <summary>
/// A bit filter on the high 64 bits, then an open-addressing hash table of a patch's heard identifiers (linear probing, power-of-two size,
/// load ≤ 0.5), probed by the low 64 bits of an RPI — AES output, so already uniformly spread — and
/// confirmed on all 128. Built once per matching run; lookups allocate nothing. Not thread-safe to
/// build; safe to read from many threads once built.
/// </summary>
public sealed class EncounterIndex
{
    private readonly ulong[] _lo;
    private readonly ulong[] _hi;
    private readonly int[] _first; // index+1 into _encounters of the first encounter with this RPI; 0 = empty slot
    private readonly int[] _next;  // chain of further encounters with the same RPI (index+1; 0 = end)
    private readonly Encounter[] _encounters;
    private readonly int _mask;
    private readonly ulong[] _filter; // one bit per (Hi mod bits): most strangers' identifiers stop here, in L2
    private readonly ulong _filterMask;

    /// <summary>Indexes <paramref name="encounters"/> (any order; the same RPI may appear in several).</summary>
    public EncounterIndex(IReadOnlyList<Encounter> encounters)
    {
        ArgumentNullException.ThrowIfNull(encounters);
        _encounters = [.. encounters];
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * _encounters.Length));
        _lo = new ulong[size];
        _hi = new ulong[size];
        _first = new int[size];
        _next = new int[_encounters.Length];
        _mask = size - 1;
        // ≈ 32 bits per identifier (≥ 2^16): 128 KiB for 20,000 encounters, ~3 % false positives.
        var filterBits = BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1 << 16, 32L * _encounters.Length));
        _filter = new ulong[filterBits / 64];
        _filterMask = filterBits - 1;
        MinInterval = int.MaxValue;
        MaxInterval = int.MinValue;
        for (var i = 0; i < _encounters.Length; i++)
        {
            var e = _encounters[i];
            MinInterval = Math.Min(MinInterval, e.Interval);
            MaxInterval = Math.Max(MaxInterval, e.Interval);
            var bit = e.Rpi.Hi & _filterMask;
            _filter[bit >> 6] |= 1UL << (int)(bit & 63);
            var slot = (int)e.Rpi.Lo & _mask;
            while (_first[slot] != 0 && (_lo[slot] != e.Rpi.Lo || _hi[slot] != e.Rpi.Hi))
            {
                slot = (slot + 1) & _mask;
            }
            if (_first[slot] == 0)
            {
                _lo[slot] = e.Rpi.Lo;
                _hi[slot] = e.Rpi.Hi;
            }
            else
            {
                _next[i] = _first[slot];
            }
            _first[slot] = i + 1;
        }
    }

    /// <summary>Number of encounters indexed.</summary>
    public int Count => _encounters.Length;

    /// <summary>Earliest encounter interval (int.MaxValue when empty).</summary>
    public int MinInterval { get; }

    /// <summary>Latest encounter interval (int.MinValue when empty).</summary>
    public int MaxInterval { get; }

    /// <summary>The encounter with this index (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public Encounter this[int index] => _encounters[index];

    /// <summary>Index + 1 of the first encounter heard with <paramref name="rpi"/>, or 0 when none.</summary>
    public int Find(Block128 rpi)
    {
        var bit = rpi.Hi & _filterMask;
        if ((_filter[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
        {
            return 0;
        }
        var slot = (int)rpi.Lo & _mask;
        while (true)
        {
            var first = _first[slot];
            if (first == 0)
            {
                return 0;
            }
            if (_lo[slot] == rpi.Lo && _hi[slot] == rpi.Hi)
            {
                return first;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Index + 1 of the next encounter with the same RPI after <paramref name="indexPlusOne"/>, or 0.</summary>
    public int Next(int indexPlusOne) => _next[indexPlusOne - 1];
}
