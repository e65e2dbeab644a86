using System.Security.Cryptography;
using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;

namespace Care.Patch.Encounters;

/// <summary>
/// The patch's temporary exposure keys: a fresh random key each UTC day (GAEN: 144 intervals), the
/// rolling identifier to broadcast now, and the keys of the last 14 days for upload with a
/// verification code (that is all that ever leaves the patch for tracing). Not thread-safe.
/// </summary>
public sealed class ProximityKeyring(TimeProvider time)
{
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly SortedDictionary<int, Block128> _keys = [];

    /// <summary>The identifier to broadcast in the current interval.</summary>
    public Block128 CurrentIdentifier()
    {
        var now = EnInterval.FromTime(_time.GetUtcNow());
        return GaenCrypto.RollingProximityIdentifier(GaenCrypto.DeriveRpik(KeyFor(now)), now);
    }

    /// <summary>The keys of the last 14 days (today's with the intervals used so far), oldest first.</summary>
    public IReadOnlyList<DiagnosisKey> KeysForUpload(int transmissionRiskLevel, int? daysSinceOnsetToday)
    {
        var now = EnInterval.FromTime(_time.GetUtcNow());
        Purge(now);
        var today = EnInterval.KeyPeriodStart(now);
        return [.. _keys.Select(k => new DiagnosisKey(
            k.Value,
            k.Key,
            k.Key == today ? now - today + 1 : EnInterval.TekRollingPeriod,
            transmissionRiskLevel,
            ReportType.ConfirmedTest,
            daysSinceOnsetToday is { } d ? Math.Clamp(d - ((today - k.Key) / EnInterval.TekRollingPeriod), -DiagnosisKey.MaxDaysSinceOnset, DiagnosisKey.MaxDaysSinceOnset) : null))];
    }

    private Block128 KeyFor(int interval)
    {
        Purge(interval);
        var start = EnInterval.KeyPeriodStart(interval);
        if (!_keys.TryGetValue(start, out var key))
        {
            Span<byte> bytes = stackalloc byte[Block128.Size];
            RandomNumberGenerator.Fill(bytes); // GAEN: a CSPRNG draw per key
            key = Block128.FromBytes(bytes);
            _keys[start] = key;
        }
        return key;
    }

    private void Purge(int now)
    {
        var oldest = EnInterval.KeyPeriodStart(now) - ((EncounterStore.RetentionDays - 1) * EnInterval.TekRollingPeriod);
        foreach (var start in _keys.Keys.Where(s => s < oldest).ToList())
        {
            _keys.Remove(start);
        }
    }
}
