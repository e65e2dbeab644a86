using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;

namespace Care.Epidemic.Matching;

/// <summary>
/// Matches published diagnosis keys against a patch's encounters: per key one HKDF (RPIK, eight keys at a time in SIMD lanes, see
/// <see cref="HkdfSha256Batch"/>) and one batched AES over the key's intervals, each identifier probed in an <see cref="EncounterIndex"/>.
/// A hit counts when the encounter was heard within the key's validity widened by
/// <see cref="ToleranceIntervals"/> (GAEN allows ±2 h of clock skew). Keys whose window misses the
/// store's span are skipped before any cryptography. No allocation per key or identifier.
/// Thread-safe for concurrent calls (the index is read-only).
/// </summary>
public sealed class ExposureMatcher(EncounterIndex index)
{
    /// <summary>Clock-skew tolerance in intervals on each side of a key's validity (12 = 2 h, GAEN Bluetooth spec).</summary>
    public const int ToleranceIntervals = 12;

    private readonly EncounterIndex _index = index ?? throw new ArgumentNullException(nameof(index));

    /// <summary>Appends every match of <paramref name="keys"/> to <paramref name="matches"/>; returns how many were added.</summary>
    public int Match(ReadOnlySpan<DiagnosisKey> keys, ICollection<ExposureMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (_index.Count == 0)
        {
            return 0;
        }
        Span<Block128> rpis = stackalloc Block128[EnInterval.TekRollingPeriod];
        Span<int> pending = stackalloc int[HkdfSha256Batch.Lanes];
        Span<Block128> teks = stackalloc Block128[HkdfSha256Batch.Lanes];
        Span<Block128> rpiks = stackalloc Block128[HkdfSha256Batch.Lanes];
        var count = 0;
        var added = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            if (key.RollingPeriod is < 1 or > EnInterval.TekRollingPeriod
                || key.EndIntervalExclusive + ToleranceIntervals <= _index.MinInterval
                || (long)key.RollingStartIntervalNumber - ToleranceIntervals > _index.MaxInterval)
            {
                continue;
            }
            if (!HkdfSha256Batch.IsHardwareAccelerated)
            {
                added += MatchKey(key, GaenCrypto.DeriveRpik(key.KeyData), rpis, matches);
                continue;
            }
            pending[count] = i;
            teks[count++] = key.KeyData;
            if (count == HkdfSha256Batch.Lanes)
            {
                added += MatchBatch(keys, pending, teks, rpiks, count, rpis, matches);
                count = 0;
            }
        }
        if (count > 0)
        {
            teks[count..].Fill(teks[0]); // idle lanes repeat a key; their results are ignored
            added += MatchBatch(keys, pending, teks, rpiks, count, rpis, matches);
        }
        return added;
    }

    private int MatchBatch(ReadOnlySpan<DiagnosisKey> keys, ReadOnlySpan<int> pending, ReadOnlySpan<Block128> teks, Span<Block128> rpiks, int count, Span<Block128> rpis, ICollection<ExposureMatch> matches)
    {
        HkdfSha256Batch.Derive(teks, GaenCrypto.RpikInfo, rpiks);
        var added = 0;
        for (var lane = 0; lane < count; lane++)
        {
            added += MatchKey(keys[pending[lane]], rpiks[lane], rpis, matches);
        }
        return added;
    }

    // 144 identifiers of one key by batched AES, each probed in the index.
    private int MatchKey(DiagnosisKey key, Block128 rpik, Span<Block128> rpis, ICollection<ExposureMatch> matches)
    {
        var batch = rpis[..key.RollingPeriod];
        GaenCrypto.RollingProximityIdentifiers(rpik, key.RollingStartIntervalNumber, batch);
        var added = 0;
        for (var j = 0; j < batch.Length; j++)
        {
            for (var hit = _index.Find(batch[j]); hit != 0; hit = _index.Next(hit))
            {
                var e = _index[hit - 1];
                if (e.Interval >= (long)key.RollingStartIntervalNumber - ToleranceIntervals
                    && e.Interval < key.EndIntervalExclusive + ToleranceIntervals)
                {
                    matches.Add(new ExposureMatch(key, e, key.RollingStartIntervalNumber + j));
                    added++;
                }
            }
        }
        return added;
    }
}
