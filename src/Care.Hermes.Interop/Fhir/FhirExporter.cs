using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Care.Clinical.EarlyWarning;
using Care.Core.Ids;
using Care.Hermes.Storage;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using CareObservation = Care.Core.Observations.Observation;
using Task = System.Threading.Tasks.Task;

namespace Care.Hermes.Interop.Fhir;

/// <summary>
/// Writes a wearer's record as a FHIR R4 <c>searchset</c> Bundle, streaming: observations are read
/// from the store in chunks of <see cref="ChunkSize"/> and each resource is serialised straight to the
/// output, so a 14-day record (~120,000 observations) never sits in memory whole. Thread safe (no state
/// besides the store).
/// </summary>
/// <param name="store">The record.</param>
/// <param name="time">The clock for the Bundle's timestamp.</param>
public sealed class FhirExporter(IHermesStore store, TimeProvider time)
{
    /// <summary>Observations read from the store per query.</summary>
    public const int ChunkSize = 5_000;

    /// <summary>Observations per store query (tests use small chunks to cross many chunk boundaries).</summary>
    internal int Chunk { get; init; } = ChunkSize;

    /// <summary>The serializer options for Firely's R4 model, shared (they are thread safe once used).</summary>
    public static JsonSerializerOptions Json { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>Ledger entry kinds that are not acts on the record (reads of it) and so get no Provenance.</summary>
    private static readonly HashSet<string> NotActs = new(StringComparer.Ordinal) { "RecordAccessed" };

    /// <summary>Writes one page; returns the <c>_since</c> of the next page, or null when this page reached the end.</summary>
    public async Task<DateTimeOffset?> WriteAsync(Stream output, FhirPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        var wearer = request.Wearer;
        // Resources are serialised into a buffer that is drained asynchronously (a server forbids synchronous writes).
        var sink = new JsonSink(output);
        var writer = sink.Writer;
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        writer.WriteString("type", "searchset");
        writer.WriteString("timestamp", time.GetUtcNow().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteStartArray("entry");
        if (request.IncludeRecord)
        {
            await WriteRecordAsync(sink, request, cancellationToken);
        }
        var (until, next) = await WriteObservationsAsync(sink, request, cancellationToken);
        var doses = await store.QueryDosesAsync(new DoseQuery(wearer, request.Since, until, int.MaxValue), cancellationToken);
        foreach (var dose in doses)
        {
            await EntryAsync(sink, request.BaseUrl, FhirMapping.Dose(wearer, dose));
        }
        var alerts = await store.GetAlertsAsync(new AlertQuery(request.Since, News2Level.Low, null, [wearer], 100_000), cancellationToken);
        foreach (var alert in alerts.Where(a => until is null || a.RaisedAt < until).OrderBy(a => a.RaisedAt))
        {
            await EntryAsync(sink, request.BaseUrl, FhirMapping.Alert(wearer, alert));
        }
        writer.WriteEndArray();
        writer.WriteStartArray("link");
        Link(writer, "self", PageUrl(request, request.Since));
        if (next is DateTimeOffset after)
        {
            Link(writer, "next", PageUrl(request, after));
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await sink.DrainAsync(force: true, cancellationToken);
        return next;
    }

    /// <summary>The observations of the page; returns the page's end (exclusive, null when open) and the next page's start.</summary>
    private async Task<(DateTimeOffset? Until, DateTimeOffset? Next)> WriteObservationsAsync(JsonSink sink, FhirPageRequest request, CancellationToken cancellationToken)
    {
        var wearer = request.Wearer;
        DateTimeOffset? from = request.Since;
        int written = 0;
        DateTimeOffset? lastTime = null;
        while (true)
        {
            var chunk = await store.QueryObservationsAsync(new ObservationQuery(wearer, null, from, null, Chunk), cancellationToken);
            foreach (var reading in chunk)
            {
                // A page ends between timestamps, never inside one, so the next page's _since loses nothing.
                if (request.Count is int count && written >= count && reading.Time != lastTime)
                {
                    return (reading.Time, reading.Time);
                }
                await EntryAsync(sink, request.BaseUrl, FhirMapping.Observation(wearer, reading));
                written++;
                lastTime = reading.Time;
            }
            await sink.DrainAsync(force: false, cancellationToken);
            if (chunk.Count < Chunk)
            {
                return (null, null);
            }
            // The next chunk starts at the last time read; readings of that time already written are skipped.
            var last = chunk[^1].Time;
            int seen = chunk.Count(o => o.Time == last);
            if (seen == chunk.Count)
            {
                throw new InvalidOperationException($"more than {Chunk} observations share the time {last:O}");
            }
            var again = await store.QueryObservationsAsync(new ObservationQuery(wearer, null, last, last.AddMilliseconds(1), Chunk), cancellationToken);
            foreach (var reading in SkipWritten(again, chunk, last))
            {
                await EntryAsync(sink, request.BaseUrl, FhirMapping.Observation(wearer, reading));
                written++;
            }
            from = last.AddMilliseconds(1);
        }
    }

    /// <summary>Readings of time <paramref name="last"/> not already in <paramref name="chunk"/> (a chunk may end inside a timestamp).</summary>
    private static IEnumerable<CareObservation> SkipWritten(IReadOnlyList<CareObservation> again, IReadOnlyList<CareObservation> chunk, DateTimeOffset last)
    {
        var written = chunk.Where(o => o.Time == last).ToList();
        foreach (var reading in again)
        {
            int i = written.IndexOf(reading);
            if (i >= 0)
            {
                written.RemoveAt(i);
                continue;
            }
            yield return reading;
        }
    }

    /// <summary>Patient, Devices (from the ledger's registrations), the latest NEWS2 and model assessments and a Provenance per act in the ledger.</summary>
    private async Task WriteRecordAsync(JsonSink sink, FhirPageRequest request, CancellationToken cancellationToken)
    {
        var wearer = request.Wearer;
        await EntryAsync(sink, request.BaseUrl, FhirMapping.Patient(wearer));
        var acts = await LedgerActsAsync(wearer, cancellationToken);
        var retired = acts.Where(a => a.Kind == "DeviceRetired" && a.DeviceId is not null).Select(a => a.DeviceId!).ToHashSet(StringComparer.Ordinal);
        foreach (var registered in acts.Where(a => a.Kind == "DeviceRegistered" && a.DeviceId is not null && a.PublicKeySha256 is not null))
        {
            var device = store.Devices.Find(registered.DeviceId!);
            bool active = device is { Revoked: false, Retired: false } && !retired.Contains(registered.DeviceId!);
            await EntryAsync(sink, request.BaseUrl, FhirMapping.Device(wearer, registered.DeviceId!, registered.PublicKeySha256!, active));
        }
        if (await store.GetLatestRiskAsync(wearer, cancellationToken) is { } news2)
        {
            await EntryAsync(sink, request.BaseUrl, FhirMapping.News2(wearer, news2));
        }
        if (await store.GetLatestModelRiskAsync(wearer, cancellationToken) is { } model)
        {
            await EntryAsync(sink, request.BaseUrl, FhirMapping.Model(wearer, model));
        }
        foreach (var act in acts.Where(a => !NotActs.Contains(a.Kind)))
        {
            await EntryAsync(sink, request.BaseUrl, FhirMapping.Ledger(wearer, act.Index, act.Kind, act.At, act.LeafHash, act.DeviceId));
        }
    }

    private sealed record LedgerAct(long Index, string Kind, DateTimeOffset At, byte[] LeafHash, string? DeviceId, string? PublicKeySha256);

    /// <summary>Every ledger entry about the wearer, proven or pending, in index order.</summary>
    private async Task<List<LedgerAct>> LedgerActsAsync(WearerId wearer, CancellationToken cancellationToken)
    {
        var acts = new List<LedgerAct>();
        long after = -1;
        while (true)
        {
            var page = await store.ProveWearerAsync(wearer, after, 1000, cancellationToken);
            acts.AddRange(page.Proven.Select(p => Act(p.Index, p.Data, p.LeafHash)));
            acts.AddRange(page.Pending.Select(r => Act(r.Index, r.Data, r.LeafHash)));
            if (page.NextAfter is not long next || next <= after)
            {
                break;
            }
            after = next;
        }
        return [.. acts.OrderBy(a => a.Index).DistinctBy(a => a.Index)];
    }

    private static LedgerAct Act(long index, byte[] data, byte[] leafHash)
    {
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        string kind = root.TryGetProperty("kind", out var k) ? k.GetString() ?? "unknown" : "unknown";
        var at = root.TryGetProperty("at", out var a) && DateTimeOffset.TryParse(a.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.UnixEpoch;
        string? device = root.TryGetProperty("deviceId", out var d) ? d.GetString() : null;
        string? key = root.TryGetProperty("publicKeySha256", out var p) ? p.GetString() : null;
        return new LedgerAct(index, kind, at, leafHash, device, key);
    }

    private static async ValueTask EntryAsync(JsonSink sink, string baseUrl, Resource resource)
    {
        var writer = sink.Writer;
        writer.WriteStartObject();
        writer.WriteString("fullUrl", $"{baseUrl}/{resource.TypeName}/{resource.Id}");
        writer.WritePropertyName("resource");
        JsonSerializer.Serialize(writer, resource, resource.GetType(), Json);
        writer.WriteStartObject("search");
        writer.WriteString("mode", "match");
        writer.WriteEndObject();
        writer.WriteEndObject();
        await sink.DrainAsync(force: false, default);
    }

    /// <summary>A JSON writer over a buffer that is copied to the output asynchronously once it holds <see cref="DrainBytes"/>.</summary>
    private sealed class JsonSink(Stream output)
    {
        private const int DrainBytes = 64 * 1024;
        private readonly ArrayBufferWriter<byte> _buffer = new(DrainBytes * 2);
        private Utf8JsonWriter? _writer;

        public Utf8JsonWriter Writer => _writer ??= new Utf8JsonWriter(_buffer);

        public async ValueTask DrainAsync(bool force, CancellationToken cancellationToken)
        {
            Writer.Flush();
            if (force || _buffer.WrittenCount >= DrainBytes)
            {
                await output.WriteAsync(_buffer.WrittenMemory, cancellationToken);
                _buffer.ResetWrittenCount();
                if (force)
                {
                    await output.FlushAsync(cancellationToken);
                }
            }
        }
    }

    private static void Link(Utf8JsonWriter writer, string relation, string url)
    {
        writer.WriteStartObject();
        writer.WriteString("relation", relation);
        writer.WriteString("url", url);
        writer.WriteEndObject();
    }

    private static string PageUrl(FhirPageRequest request, DateTimeOffset? since)
    {
        var query = new List<string>();
        if (since is DateTimeOffset s)
        {
            query.Add("_since=" + Uri.EscapeDataString(s.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        }
        if (request.Count is int count)
        {
            query.Add("_count=" + count.ToString(CultureInfo.InvariantCulture));
        }
        return $"{request.BaseUrl}/Patient/{FhirIds.Patient(request.Wearer)}/$everything" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }
}
