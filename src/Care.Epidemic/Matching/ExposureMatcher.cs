using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;

namespace Care.Epidemic.Matching;

/// <summary>
/// Matches published diagnosis keys against a patch's encounters: per key one HKDF (RPIK) and one
/// batched AES over the key's intervals, each identifier probed in an <see cref="EncounterIndex"/>.
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
        var added = 0;
        foreach (var key in keys)
        {
            if (key.RollingPeriod is < 1 or > EnInterval.TekRollingPeriod
                || key.EndIntervalExclusive + ToleranceIntervals <= _index.MinInterval
                || (long)key.RollingStartIntervalNumber - ToleranceIntervals > _index.MaxInterval)
            {
                continue;
            }
            var rpik = GaenCrypto.DeriveRpik(key.KeyData);
            var batch = rpis[..key.RollingPeriod];
            GaenCrypto.RollingProximityIdentifiers(rpik, key.RollingStartIntervalNumber, batch);
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
        }
        return added;
    }
}
