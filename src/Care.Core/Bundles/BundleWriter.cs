using System.Buffers;
using System.Text.Json;
using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Observations;

namespace Care.Core.Bundles;

/// <summary>
/// Writes a <see cref="Bundle"/> in the version-1 JSON wire format (see docs/bundle-format.md).
/// Thread safe (stateless).
/// </summary>
public static class BundleWriter
{
    /// <summary>Encodes <paramref name="bundle"/> as UTF-8 JSON.</summary>
    public static byte[] Write(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var buffer = new ArrayBufferWriter<byte>(256 + (bundle.Observations.Count * 80));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber(BundleFields.Version, Bundle.CurrentVersion);
            json.WriteString(BundleFields.BundleId, bundle.BundleId);
            json.WriteString(BundleFields.PatchId, bundle.PatchId.Value);
            json.WriteString(BundleFields.WearerId, bundle.WearerId.Value);
            json.WriteString(BundleFields.CreatedAt, bundle.CreatedAt.UtcDateTime);
            json.WriteStartArray(BundleFields.Observations);
            foreach (var o in bundle.Observations)
            {
                var type = ObservationCatalog.Get(o.Sign);
                json.WriteStartObject();
                json.WriteString(BundleFields.Code, type.Loinc);
                json.WriteString(BundleFields.Unit, type.Ucum);
                json.WriteString(BundleFields.Time, o.Time.UtcDateTime);
                json.WriteNumber(BundleFields.Value, o.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            // Written only when present, so a bundle without doses encodes (and hashes) as before doses existed.
            if (bundle.Doses.Count > 0)
            {
                WriteDoses(json, bundle.Doses);
            }
            // Likewise events: absent when there are none.
            if (bundle.Events.Count > 0)
            {
                WriteEvents(json, bundle.Events);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteDoses(Utf8JsonWriter json, IReadOnlyList<DoseDelivery> doses)
    {
        json.WriteStartArray(BundleFields.Doses);
        foreach (var d in doses)
        {
            json.WriteStartObject();
            json.WriteString(BundleFields.Time, d.Time.UtcDateTime);
            json.WriteString(BundleFields.Drug, BundleFields.Insulin);
            json.WriteString(BundleFields.Unit, BundleFields.InsulinUnit);
            json.WriteNumber(BundleFields.BasalUnitsPerHour, d.BasalUnitsPerHour);
            json.WriteNumber(BundleFields.DurationMinutes, d.Duration.TotalMinutes);
            json.WriteNumber(BundleFields.BolusUnits, d.BolusUnits);
            json.WriteString(BundleFields.Reason, DoseReasonNames.Name(d.Reason));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteEvents(Utf8JsonWriter json, IReadOnlyList<PatchEvent> events)
    {
        json.WriteStartArray(BundleFields.Events);
        foreach (var e in events)
        {
            json.WriteStartObject();
            json.WriteString(BundleFields.Kind, PatchEventKinds.Name(e.Kind));
            json.WriteString(BundleFields.Start, e.Start.UtcDateTime);
            if (e.End is DateTimeOffset end)
            {
                json.WriteString(BundleFields.End, end.UtcDateTime);
            }
            if (e.Value is double value)
            {
                json.WriteNumber(BundleFields.Value, value);
            }
            if (e.Detail is string detail)
            {
                json.WriteString(BundleFields.Detail, detail);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
