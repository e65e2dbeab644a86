using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Care.Core.Bundles;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Ingest;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using CareObservation = Care.Core.Observations.Observation;
using FhirBundle = Hl7.Fhir.Model.Bundle;
using FhirObservation = Hl7.Fhir.Model.Observation;

namespace Care.Hermes.Interop.Fhir;

/// <summary>
/// Reads a FHIR R4 transaction Bundle of Observations and stores it through the one ingest. Every
/// refusal names the element (FHIRPath-style, e.g. <c>Bundle.entry[3].resource.code.coding[0]</c>)
/// or, for JSON that does not parse, the line and byte; a refused transaction stores nothing. Thread safe.
/// </summary>
/// <param name="ingestor">The one ingest path.</param>
/// <param name="time">The clock (future readings are refused).</param>
/// <param name="limits">Bundle limits (size, skew, count).</param>
public sealed class FhirImporter(BundleIngestor ingestor, TimeProvider time, BundleLimits limits)
{
    /// <summary>Parses and checks a transaction; nothing is stored.</summary>
    /// <exception cref="InvalidInputException">Malformed, too large, of the wrong type, or an entry is unknown or implausible; every problem found is named (up to the limit's count).</exception>
    public async Task<FhirImport> ParseAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > limits.MaxBytes)
            {
                throw new InvalidInputException("Bundle", $"the request is larger than the limit of {limits.MaxBytes} bytes");
            }
            buffer.Write(chunk, 0, n);
        }
        return Parse(buffer.ToArray());
    }

    /// <summary>Parses and checks a transaction held in memory; nothing is stored.</summary>
    /// <exception cref="InvalidInputException">As <see cref="ParseAsync"/>.</exception>
    public FhirImport Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > limits.MaxBytes)
        {
            throw new InvalidInputException("Bundle", $"the request is {json.Length} bytes; the limit is {limits.MaxBytes} bytes");
        }
        if (json.IsEmpty)
        {
            throw new InvalidInputException("Bundle", "the request body is empty; a FHIR transaction Bundle is expected");
        }
        // Plain JSON first: a syntax error is reported with its line and byte, before FHIR is looked at.
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            string? resourceType = null;
            using (var document = JsonDocument.ParseValue(ref reader))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidInputException("Bundle", $"the body is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not a FHIR resource object");
                }
                resourceType = document.RootElement.TryGetProperty("resourceType", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
            }
            if (resourceType != "Bundle")
            {
                throw new InvalidInputException("resourceType", resourceType is null
                    ? "missing; a FHIR transaction Bundle is expected"
                    : $"'{resourceType}' is not a Bundle; POST /fhir takes a transaction Bundle of Observations");
            }
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}", "malformed JSON: " + FirstSentence(e.Message));
        }
        FhirBundle bundle;
        try
        {
            bundle = JsonSerializer.Deserialize<FhirBundle>(json, FhirExporter.Json)
                ?? throw new InvalidInputException("Bundle", "the body is JSON null");
        }
        catch (DeserializationFailedException e)
        {
            throw new InvalidInputException([.. e.Exceptions.Take(limits.MaxErrors).Select(Describe)]);
        }
        return Check(bundle);
    }

    /// <summary>Stores a checked transaction through the one ingest (all or nothing, ledgered, scored); an identical retry changes nothing.</summary>
    /// <param name="import">What <see cref="Parse"/> returned.</param>
    /// <param name="source">Who imports, e.g. <c>fhir:&lt;token id&gt;</c>: the device id of the ledger's <c>BundleAccepted</c>.</param>
    /// <param name="cancellationToken">Cancels waiting for the write session.</param>
    public Task<IngestResult> StoreAsync(FhirImport import, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        return ingestor.IngestImportedAsync(ToBundle(import.WearerId, import.Observations, "fhir"), source, cancellationToken);
    }

    /// <summary>
    /// Imported readings as a Care bundle. Its id and patch id derive from the content, so the same readings
    /// always make the same bundle (a retry is recognised) and each import orders only against itself.
    /// </summary>
    public static Care.Core.Bundles.Bundle ToBundle(WearerId wearer, IReadOnlyList<CareObservation> observations, string kind)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var text = new StringBuilder(wearer.Value);
        foreach (var o in observations)
        {
            text.Append('|').Append((int)o.Sign).Append(',').Append(o.Time.ToUnixTimeMilliseconds()).Append(',').Append(o.Value.ToString("R", CultureInfo.InvariantCulture));
        }
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        var id = new Guid(digest.AsSpan(0, 16));
        var created = observations.Count > 0 ? observations[^1].Time : DateTimeOffset.UnixEpoch;
        return new Care.Core.Bundles.Bundle(id, PatchId.Parse($"{kind}-{Convert.ToHexStringLower(digest)[..16]}"), wearer, created, observations);
    }

    /// <summary>The transaction-response Bundle: one entry per request entry, 201 when stored, 200 when it already was.</summary>
    public static FhirBundle Response(FhirImport import, IngestResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(result);
        string status = result.Status == IngestStatus.Stored ? "201 Created" : "200 OK";
        return new FhirBundle
        {
            Type = FhirBundle.BundleType.TransactionResponse,
            Timestamp = now.ToUniversalTime(),
            Entry = [.. Enumerable.Range(0, import.Entries).Select(_ => new FhirBundle.EntryComponent
            {
                Response = new FhirBundle.ResponseComponent { Status = status, Etag = "W/\"" + result.ContentSha256[..16] + "\"" },
            })],
        };
    }

    private FhirImport Check(FhirBundle bundle)
    {
        var errors = new List<InputError>();
        if (bundle.Type != FhirBundle.BundleType.Transaction)
        {
            errors.Add(new InputError("Bundle.type", $"'{bundle.TypeElement?.JsonValue ?? "(missing)"}' is not 'transaction'"));
        }
        if (bundle.Entry.Count == 0)
        {
            errors.Add(new InputError("Bundle.entry", "the transaction holds no entries"));
        }
        if (bundle.Entry.Count > limits.MaxObservations)
        {
            throw new InvalidInputException("Bundle.entry", $"{bundle.Entry.Count} entries; the limit is {limits.MaxObservations}");
        }
        var latest = time.GetUtcNow() + limits.MaxClockSkew;
        WearerId? wearer = null;
        var readings = new Dictionary<(VitalSign, DateTimeOffset), (double Value, int Entry)>();
        for (int i = 0; i < bundle.Entry.Count && errors.Count < limits.MaxErrors; i++)
        {
            string at = $"Bundle.entry[{i}]";
            var entry = bundle.Entry[i];
            if (entry.Resource is not FhirObservation observation)
            {
                errors.Add(new InputError(at + ".resource", entry.Resource is null ? "missing" : $"a {entry.Resource.TypeName}; only Observation resources are imported"));
                continue;
            }
            if (entry.Request is not { } request || request.Method is not (FhirBundle.HTTPVerb.POST or FhirBundle.HTTPVerb.PUT)
                || request.Url is null || !request.Url.StartsWith("Observation", StringComparison.Ordinal))
            {
                errors.Add(new InputError(at + ".request", "a transaction entry needs request.method POST or PUT and request.url 'Observation'"));
                continue;
            }
            var reading = Reading(observation, at + ".resource", latest, errors, ref wearer);
            if (reading is not { } r)
            {
                continue;
            }
            if (readings.TryGetValue((r.Sign, r.Time), out var seen))
            {
                // The same reading twice is merged; two different values for one sign at one time are a contradiction.
                if (seen.Value != r.Value)
                {
                    errors.Add(new InputError(at + ".resource.valueQuantity.value",
                        $"{r.Value.ToString(CultureInfo.InvariantCulture)} contradicts Bundle.entry[{seen.Entry}] ({seen.Value.ToString(CultureInfo.InvariantCulture)}) for the same code and time"));
                }
                continue;
            }
            readings[(r.Sign, r.Time)] = (r.Value, i);
        }
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }
        var ordered = readings.Select(kv => new CareObservation(kv.Key.Item1, kv.Key.Item2, kv.Value.Value))
            .OrderBy(o => o.Time).ThenBy(o => o.Sign).ToList();
        return new FhirImport(wearer!.Value, ordered, bundle.Entry.Count);
    }

    private static CareObservation? Reading(FhirObservation observation, string at, DateTimeOffset latest, List<InputError> errors, ref WearerId? wearer)
    {
        int before = errors.Count;
        if (observation.Status is not (ObservationStatus.Final or ObservationStatus.Amended or ObservationStatus.Corrected or ObservationStatus.Preliminary))
        {
            errors.Add(new InputError(at + ".status", $"'{observation.StatusElement?.JsonValue ?? "(missing)"}' is not a reading to store (final, amended, corrected or preliminary)"));
        }
        var reference = observation.Subject?.Reference;
        WearerId named = default;
        if (reference is null || !reference.StartsWith("Patient/", StringComparison.Ordinal) || !WearerId.TryParse(reference["Patient/".Length..], out named))
        {
            errors.Add(new InputError(at + ".subject", $"'{reference ?? "(missing)"}' is not a reference to a wearer's Patient (Patient/<wearer id>)"));
        }
        else if (wearer is null)
        {
            wearer = named;
        }
        else if (named != wearer.Value)
        {
            errors.Add(new InputError(at + ".subject", $"names wearer '{named}', while the transaction is for '{wearer}'; one transaction carries one wearer's data"));
        }
        ObservationType? type = null;
        var codings = observation.Code?.Coding ?? [];
        for (int c = 0; c < codings.Count && type is null; c++)
        {
            if (codings[c].System == FhirMapping.Loinc && ObservationCatalog.TryFind(codings[c].Code, out var found))
            {
                type = found;
            }
        }
        if (type is null)
        {
            int c = Math.Max(0, codings.FindIndex(x => x.System == FhirMapping.Loinc));
            errors.Add(codings.Count == 0
                ? new InputError(at + ".code.coding", "no coding; a LOINC code from Care's catalogue is needed")
                : new InputError($"{at}.code.coding[{c}]", $"'{codings[c].System}|{codings[c].Code}' is not in Care's catalogue (LOINC {string.Join(", ", ObservationCatalog.All.Select(t => t.Loinc))})"));
        }
        DateTimeOffset when = default;
        if (observation.Effective is FhirDateTime dateTime && dateTime.TryToDateTimeOffset(out var dto) && dateTime.Value is { } dtText && dtText.Contains('T', StringComparison.Ordinal))
        {
            when = dto.ToUniversalTime();
        }
        else if (observation.Effective is Instant { Value: { } instant })
        {
            when = instant.ToUniversalTime();
        }
        else
        {
            errors.Add(new InputError(at + ".effective", "an effectiveDateTime or effectiveInstant with a time and offset is needed"));
        }
        if (when != default && when > latest)
        {
            errors.Add(new InputError(at + ".effectiveDateTime", $"{when:O} is in the future (now plus allowed skew is {latest:O})"));
        }
        double? value = null;
        if (observation.Value is not Quantity { Value: { } amount } quantity)
        {
            errors.Add(new InputError(at + ".valueQuantity", "a valueQuantity with a value is needed"));
        }
        else if (type is not null)
        {
            if (quantity.System != FhirMapping.Ucum)
            {
                errors.Add(new InputError(at + ".valueQuantity.system", $"'{quantity.System ?? "(missing)"}' is not UCUM ({FhirMapping.Ucum})"));
            }
            else if (FhirUnits.ToCatalogue(type, quantity.Code, (double)amount) is not double converted)
            {
                errors.Add(new InputError(at + ".valueQuantity.code", $"'{quantity.Code ?? "(missing)"}' is not a unit Care takes for {type.Loinc} ({type.Display}): {type.Ucum}"));
            }
            else if (!type.IsPlausible(converted))
            {
                errors.Add(new InputError(at + ".valueQuantity.value",
                    $"{converted.ToString(CultureInfo.InvariantCulture)} {type.Ucum} is outside the possible range {type.Minimum.ToString(CultureInfo.InvariantCulture)}–{type.Maximum.ToString(CultureInfo.InvariantCulture)} for {type.Display}"));
            }
            else
            {
                value = converted;
            }
        }
        return errors.Count == before && type is not null && value is double v ? new CareObservation(type.Sign, when, v) : null;
    }

    private static InputError Describe(Exception e) => e switch
    {
        FhirJsonException j => new InputError(
            (j.InstancePath is { Length: > 0 } path ? path : "Bundle") + (j.LineNumber is long line ? $" (line {line}, position {j.Position})" : ""),
            FirstSentence(j.Message)),
        _ => new InputError("Bundle", FirstSentence(e.Message)),
    };

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
