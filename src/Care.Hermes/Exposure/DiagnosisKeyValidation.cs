using Care.Core.Errors;
using Care.Epidemic.Exports;
using Care.Epidemic.Matching;
using Care.Epidemic.Proximity;

namespace Care.Hermes.Exposure;

/// <summary>
/// Hermes's checks of uploaded keys before anything is stored, after Google's exposure-notifications-server:
/// each key a valid GAEN key whose rolling start begins a UTC day, within the last 14 days and not in the
/// future (± the 2-hour clock skew GAEN allows), no key data twice, no two keys for one day. Every problem
/// is reported with its JSON path. Stateless.
/// </summary>
public static class DiagnosisKeyValidation
{
    /// <summary>Days of keys a wearer uploads (GAEN retention).</summary>
    public const int RetentionDays = 14;

    /// <summary>Throws <see cref="InvalidInputException"/> listing every problem of <paramref name="keys"/> as uploaded at interval <paramref name="now"/>.</summary>
    public static void Check(IReadOnlyList<DiagnosisKey> keys, int now, int maxKeys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var errors = new List<InputError>();
        if (keys.Count == 0)
        {
            throw new InvalidInputException("$.keys", "no keys: an upload carries the patch's keys of the last 14 days");
        }
        if (keys.Count > maxKeys)
        {
            throw new InvalidInputException("$.keys", $"{keys.Count} keys, more than the {maxKeys} an upload may carry");
        }
        var oldest = EnInterval.KeyPeriodStart(now) - ((RetentionDays - 1) * EnInterval.TekRollingPeriod);
        var seenData = new Dictionary<Block128, int>();
        var seenDay = new Dictionary<int, int>();
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var where = $"$.keys[{i}]";
            if (key.Problem() is { } problem)
            {
                errors.Add(new InputError(where, problem));
                continue;
            }
            if (key.RollingStartIntervalNumber % EnInterval.TekRollingPeriod != 0)
            {
                errors.Add(new InputError($"{where}.rollingStartIntervalNumber", $"{key.RollingStartIntervalNumber} does not begin a UTC day (a multiple of {EnInterval.TekRollingPeriod})"));
            }
            else if (key.RollingStartIntervalNumber > now + ExposureMatcher.ToleranceIntervals)
            {
                errors.Add(new InputError($"{where}.rollingStartIntervalNumber", $"{key.RollingStartIntervalNumber} is in the future (now is interval {now})"));
            }
            else if (key.EndIntervalExclusive > now + 1 + ExposureMatcher.ToleranceIntervals)
            {
                errors.Add(new InputError($"{where}.rollingPeriod", $"the key is used until interval {key.EndIntervalExclusive}, in the future (now is interval {now}); today's key covers the intervals used so far"));
            }
            else if (key.RollingStartIntervalNumber < oldest)
            {
                errors.Add(new InputError($"{where}.rollingStartIntervalNumber", $"{key.RollingStartIntervalNumber} is more than {RetentionDays} days old (the oldest accepted is {oldest})"));
            }
            if (!seenData.TryAdd(key.KeyData, i))
            {
                errors.Add(new InputError($"{where}.keyData", $"repeats $.keys[{seenData[key.KeyData]}]"));
            }
            if (!seenDay.TryAdd(key.RollingStartIntervalNumber, i))
            {
                errors.Add(new InputError($"{where}.rollingStartIntervalNumber", $"overlaps $.keys[{seenDay[key.RollingStartIntervalNumber]}]: one key per UTC day"));
            }
        }
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }
    }

    /// <summary>
    /// The keys as Hermes publishes them: report type from the code, and days since symptom onset from
    /// the code's onset day when the clinician gave one (clamped to GAEN's ±14).
    /// </summary>
    public static IReadOnlyList<DiagnosisKey> Stamp(IReadOnlyList<DiagnosisKey> keys, VerificationCodeRecord code)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(code);
        return [.. keys.Select(k => k with
        {
            ReportType = code.ReportType,
            DaysSinceOnsetOfSymptoms = code.SymptomOnset is { } onset
                ? Math.Clamp(DateOnly.FromDateTime(EnInterval.ToTime(k.RollingStartIntervalNumber).UtcDateTime).DayNumber - onset.DayNumber, -DiagnosisKey.MaxDaysSinceOnset, DiagnosisKey.MaxDaysSinceOnset)
                : k.DaysSinceOnsetOfSymptoms,
        })];
    }
}
