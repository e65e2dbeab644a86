using System.Globalization;
using System.Text.Json;
using Care.Core.Bundles;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Storage;

namespace Care.Hermes.Interop.Nightscout;

/// <summary>
/// Reading CGM entries out of the record and reading uploaded entries in. Uploads are checked whole
/// before anything is stored: every refused entry is named by its array index and field. Thread safe.
/// </summary>
public static class NightscoutEntries
{
    private static readonly ObservationType Glucose = ObservationCatalog.Get(VitalSign.InterstitialGlucose);

    /// <summary>The newest entries matching <paramref name="filter"/>, newest first, each with its trend arrow.</summary>
    public static async Task<IReadOnlyList<NightscoutEntry>> ReadAsync(IHermesStore store, WearerId wearer, NightscoutFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Type is { } type && type != "sgv")
        {
            return [];
        }
        // Walk back from the end in growing windows until enough readings pass the filter.
        var end = filter.To ?? now + TimeSpan.FromDays(1);
        var span = TimeSpan.FromDays(1);
        var picked = new List<Observation>();
        while (end > filter.From && picked.Count < filter.Count)
        {
            var start = end - span > filter.From ? end - span : filter.From;
            var window = await store.QueryObservationsAsync(new ObservationQuery(wearer, VitalSign.InterstitialGlucose, start, end, ObservationQueryLimit), cancellationToken);
            for (int i = window.Count - 1; i >= 0 && picked.Count < filter.Count; i--)
            {
                if (filter.Admits(Math.Round(window[i].Value, MidpointRounding.AwayFromZero)))
                {
                    picked.Add(window[i]);
                }
            }
            end = start;
            span = span < TimeSpan.FromDays(64) ? span * 2 : span;
        }
        if (picked.Count == 0)
        {
            return [];
        }
        // The slope needs the readings of the 15 minutes before each picked one (filtered or not).
        var context = await store.QueryObservationsAsync(new ObservationQuery(
            wearer, VitalSign.InterstitialGlucose, picked[^1].Time - NightscoutDirection.Window, picked[0].Time.AddMilliseconds(1), ObservationQueryLimit), cancellationToken);
        var index = new Dictionary<DateTimeOffset, int>();
        for (int i = 0; i < context.Count; i++)
        {
            index[context[i].Time] = i;
        }
        return [.. picked.Select(o => NightscoutEntry.From(wearer, o.Time, o.Value,
            NightscoutDirection.FromRate(index.TryGetValue(o.Time, out int at) ? NightscoutDirection.Rate(context, at) : double.NaN)))];
    }

    private const int ObservationQueryLimit = 100_000;

    /// <summary>
    /// Reads an upload (one entry object or an array of them) into CGM readings, time ordered. Entries of one
    /// time are merged (the last wins, as Nightscout's upsert on time and type does).
    /// </summary>
    /// <exception cref="InvalidInputException">Malformed JSON, or an entry of another type, without a time, in the future, or with an impossible sgv (each named by index and field).</exception>
    public static IReadOnlyList<Observation> ParseUpload(ReadOnlySpan<byte> body, DateTimeOffset now, BundleLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (body.Length > limits.MaxBytes)
        {
            throw new InvalidInputException("$", $"the upload is {body.Length} bytes; the limit is {limits.MaxBytes} bytes");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}", "malformed JSON");
        }
        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => throw new InvalidInputException("$", $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}; an entry object or an array of entries is expected"),
            };
            if (items.Count == 0)
            {
                throw new InvalidInputException("$", "an empty array; at least one entry is expected");
            }
            if (items.Count > limits.MaxObservations)
            {
                throw new InvalidInputException("$", $"{items.Count} entries; the limit is {limits.MaxObservations}");
            }
            var latest = now + limits.MaxClockSkew;
            var errors = new List<InputError>();
            var byTime = new SortedDictionary<DateTimeOffset, double>();
            for (int i = 0; i < items.Count && errors.Count < limits.MaxErrors; i++)
            {
                string at = root.ValueKind == JsonValueKind.Array ? $"[{i}]" : "$";
                if (Entry(items[i], at, latest, errors) is { } reading)
                {
                    byTime[reading.Time] = reading.Value;
                }
            }
            if (errors.Count > 0)
            {
                throw new InvalidInputException(errors);
            }
            return [.. byTime.Select(kv => new Observation(VitalSign.InterstitialGlucose, kv.Key, kv.Value))];
        }
    }

    private static Observation? Entry(JsonElement item, string at, DateTimeOffset latest, List<InputError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new InputError(at, $"a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an entry object"));
            return null;
        }
        int before = errors.Count;
        string type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "sgv";
        if (type != "sgv")
        {
            errors.Add(new InputError(at + ".type", $"'{type}' is not stored: Care takes CGM readings (type sgv) only"));
            return null;
        }
        double sgv = double.NaN;
        if (!item.TryGetProperty("sgv", out var s) || !(s.ValueKind == JsonValueKind.Number ? s.TryGetDouble(out sgv)
            : s.ValueKind == JsonValueKind.String && double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out sgv)))
        {
            errors.Add(new InputError(at + ".sgv", "missing or not a number (mg/dL)"));
        }
        else if (!Glucose.IsPlausible(sgv))
        {
            errors.Add(new InputError(at + ".sgv", string.Create(CultureInfo.InvariantCulture,
                $"{sgv} mg/dL is outside the possible range {Glucose.Minimum}–{Glucose.Maximum} mg/dL")));
        }
        DateTimeOffset? time = null;
        if (item.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.Number)
        {
            time = d.TryGetInt64(out long ms) && ms is > 946_684_800_000 and < 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
            if (time is null)
            {
                errors.Add(new InputError(at + ".date", $"{d.GetRawText()} is not epoch milliseconds after 2000"));
            }
        }
        else if (item.TryGetProperty("dateString", out var ds) && ds.ValueKind == JsonValueKind.String)
        {
            time = DateTimeOffset.TryParse(ds.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                && parsed.Year >= 2000 ? parsed : null;
            if (time is null)
            {
                errors.Add(new InputError(at + ".dateString", $"'{ds.GetString()}' is not an ISO 8601 time after 2000"));
            }
        }
        else
        {
            errors.Add(new InputError(at + ".date", "missing: an entry needs date (epoch milliseconds) or dateString"));
        }
        if (time is { } when && when > latest)
        {
            errors.Add(new InputError(at + ".date", $"{when:O} is in the future (now plus allowed skew is {latest:O})"));
        }
        return errors.Count == before && time is { } ok ? new Observation(VitalSign.InterstitialGlucose, ok, sgv) : null;
    }
}
