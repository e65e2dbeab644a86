using System.Globalization;
using System.Text.Json;
using Care.Core.Errors;
using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// Reads canonical entry bytes back into the typed entry, so a reader of the log (a wearer's view,
/// an auditor) works with <see cref="CartridgeFilled"/> rather than raw JSON. Round trip:
/// <c>Read(e.ToCanonicalJson(i)).Entry.ToCanonicalJson(i)</c> gives the same bytes. Stateless, thread safe.
/// </summary>
public static class LedgerEntryReader
{
    /// <summary>
    /// Parses an entry in its promised form (<see cref="LedgerEntry.ToPromisedJson"/>: still in the
    /// outbox, without <c>index</c> and <c>prevRoot</c>). Throws <see cref="InvalidInputException"/> like <see cref="Read"/>.
    /// </summary>
    public static LedgerEntry ReadPromised(ReadOnlySpan<byte> promised) => Read(PromisedForm.Place(promised, 0, default)).Entry;

    /// <summary>
    /// Parses <paramref name="data"/>; returns the entry and the index it states. Throws
    /// <see cref="InvalidInputException"/> naming the field when a field is missing or of the wrong
    /// type, the kind is unknown, or the version is not <see cref="LedgerEntry.FormatVersion"/>. A field
    /// added to a kind later (<see cref="AlertAcknowledged.AlertKind"/>) may be absent: older entries read with it null.
    /// </summary>
    public static (LedgerEntry Entry, long Index) Read(ReadOnlySpan<byte> data)
    {
        var field = "$";
        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            JsonElement Get(string name)
            {
                field = name;
                return root.TryGetProperty(name, out var value) ? value : throw new FormatException("missing");
            }
            string Text(string name) => Get(name).GetString() ?? throw new FormatException("not text");
            // A field added to a kind after entries were written: absent in the older entries.
            string? OptionalText(string name) => root.TryGetProperty(name, out _) ? Text(name) : null;
            double Number(string name) => Get(name).GetDouble();
            long Integer(string name) => Get(name).GetInt64();
            WearerId Wearer() => WearerId.Parse(Text("wearer"));
            if (Integer("v") != LedgerEntry.FormatVersion)
            {
                throw new FormatException($"version {Integer("v")} is not {LedgerEntry.FormatVersion}");
            }
            var index = Integer("index");
            DateTimeOffset Time(string name) => DateTimeOffset.ParseExact(Text(name), "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var at = Time("at");
            LedgerEntry entry = Text("kind") switch
            {
                nameof(BundleAccepted) => new BundleAccepted(Text("bundleId"), Text("contentSha256"), Text("deviceId"), Integer("sequence")) { At = at },
                nameof(DosePlanIssued) => new DosePlanIssued(Text("planId"), Wearer(), Text("drug"), Number("amount"), Text("unit"), Text("planSha256"), Text("issuedBy")) { At = at },
                nameof(CartridgeFilled) => new CartridgeFilled(Text("cartridgeId"), Wearer(), Text("planId"), Text("drug"), Number("prescribed"), Number("loaded"), Number("assay"), Text("unit"), Text("instrument")) { At = at },
                nameof(ModelReleased) => new ModelReleased(Text("modelName"), Text("version"), Text("modelSha256"), Text("releasedBy")) { At = at },
                nameof(LabJob) => new LabJob(Text("jobId"), Text("instrument"), Text("orderSha256"), Text("outcome"), Text("resultSha256")) { At = at },
                nameof(RecordAccessed) => new RecordAccessed(Text("actor"), Text("role"), Wearer(), Text("reason")) { At = at },
                nameof(AlertAcknowledged) => new AlertAcknowledged(Text("actor"), Text("role"), Wearer(), Integer("alertId"), Text("level"), OptionalText("alertKind")) { At = at },
                nameof(DeviceRegistered) => new DeviceRegistered(Text("deviceId"), Wearer(), Text("kioskId"), Text("algorithm"), Text("publicKeySha256"), Text("registeredBy")) { At = at },
                nameof(DeviceRetired) => new DeviceRetired(Text("deviceId"), Wearer(), Text("reason"), Text("by")) { At = at },
                nameof(BundleRefused) => new BundleRefused(Text("deviceId"), Wearer(), Text("reason"), Text("sealedSha256"), OptionalText("boundWearer")) { At = at },
                nameof(TokenIssued) => new TokenIssued(Text("tokenId"), Text("role"), Time("expiresAt"), OptionalText("scope"), Text("issuedBy")) { At = at },
                nameof(TokenRevoked) => new TokenRevoked(Text("tokenId"), Text("revokedBy")) { At = at },
                nameof(FirmwareReleased) => new FirmwareReleased(Text("instrumentKind"), Text("version"), Text("firmwareSha256"), Text("releasedBy")) { At = at },
                nameof(InstrumentAttested) => new InstrumentAttested(Text("instrumentId"), Text("firmwareSha256"), Text("configurationSha256"), Text("outcome"), Text("reason")) { At = at },
                nameof(LabJobAuthorised) => new LabJobAuthorised(Text("jobId"), Text("jobKind"), Text("instrumentId"), Text("subjectSha256"), Text("protocol"), Time("expiresAt"), Text("authorisationSha256")) { At = at },
                nameof(LabJobStarted) => new LabJobStarted(Text("jobId"), Text("instrumentId"), Text("inputsSha256")) { At = at },
                nameof(LabJobCompleted) => new LabJobCompleted(Text("jobId"), Text("instrumentId"), Text("inputsSha256"), Text("resultSha256"), Text("outcome")) { At = at },
                nameof(OrderScreened) => new OrderScreened(Text("orderSha256"), Text("customer"), Text("outcome"), Text("detail")) { At = at },
                nameof(OutbreakSignalRaised) => new OutbreakSignalRaised(Integer("signalId"), Text("region"), Text("day"), Text("measure"), Integer("observed"), Number("expected"), Number("score"), Text("detector")) { At = at },
                nameof(VerificationCodeIssued) => new VerificationCodeIssued(Text("actor"), Text("role"), Wearer(), Time("expiresAt")) { At = at },
                nameof(DiagnosisKeysPublished) => new DiagnosisKeysPublished(Integer("exportId"), Text("region"), Integer("keyCount"), Text("exportSha256")) { At = at },
                nameof(VaccineDesigned) => new VaccineDesigned(Text("campaignId"), Text("proteinSha256"), Text("mrnaSha256"), Number("lambda"), Integer("beam"), Number("mfe"), Number("cai"), Text("software")) { At = at },
                nameof(VaccineCampaignIssued) => new VaccineCampaignIssued(Text("campaignId"), Text("productSha256"), Number("doseMicrograms"), Text("eligibility"), Time("expiresAt"), Text("issuedBy")) { At = at },
                nameof(VaccineDoseStep) => new VaccineDoseStep(Text("doseId"), Text("campaignId"), Wearer(), Text("step"), Text("subjectSha256"), Text("detail"), Text("actor")) { At = at },
                var other => throw new FormatException($"unknown kind '{other}'"),
            };
            return (entry, index);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidInputException($"ledger entry at {field}", e.Message);
        }
    }
}
