using System.Security.Cryptography;
using System.Text.Json;
using Care.Clinical.EarlyWarning;
using Care.Core.Bundles;
using Care.Core.Errors;
using Care.Hermes.Alerts;
using Care.Hermes.Risk;
using Care.Hermes.Storage;
using Care.Trust.Bundles;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Ingest;

/// <summary>
/// The one path by which data enters Hermes. A sealed bundle is opened (hybrid signature of a
/// registered, unrevoked device; encrypted for this Hermes; sequence number above the device's
/// last), its payload read and validated, and then, in a single transaction, the bundle is
/// stored, a <c>BundleAccepted</c> entry is appended to the ledger, the wearer's NEWS2 tracker
/// advances and its assessments and alerts are recorded, and, when a sepsis model is given, each
/// hour the bundle closes is scored by the wearer's incremental scorer and explained model-risk
/// outputs and alerts are recorded. A bundle is stored whole or not at all; re-sending a stored
/// bundle changes nothing (and scores nothing). Thread safe.
/// </summary>
/// <param name="store">Where bundles, scores and alerts go.</param>
/// <param name="recipient">Hermes's key the bundles are encrypted for.</param>
/// <param name="time">The clock (received-at times, bundle age checks).</param>
/// <param name="limits">Limits on bundles.</param>
/// <param name="modelRisk">The sepsis model and its per-wearer scorers, or null to score NEWS2 only.</param>
public sealed class BundleIngestor(IHermesStore store, HybridKemPrivateKey recipient, TimeProvider time, BundleLimits limits, SepsisRiskScoring? modelRisk = null)
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    /// <summary>Room the seal adds around the payload (header, KEM ciphertext, nonce, tag, signature).</summary>
    private const int SealOverheadBytes = 8 * 1024;

    /// <summary>Ingests one sealed bundle.</summary>
    /// <exception cref="BundleRejectedException">The seal is not acceptable (unsigned, unknown or revoked device, tampered, replayed, …); nothing was stored.</exception>
    /// <exception cref="InvalidInputException">The payload is invalid; nothing was stored.</exception>
    /// <exception cref="IngestConflictException">The bundle contradicts stored data; nothing was stored.</exception>
    public async Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> sealedBundle, CancellationToken cancellationToken = default)
    {
        if (sealedBundle.Length > limits.MaxBytes + SealOverheadBytes)
        {
            throw new InvalidInputException("$", $"the bundle is {sealedBundle.Length} bytes; the limit is {limits.MaxBytes + SealOverheadBytes} bytes");
        }
        byte[] sealedHash = SHA256.HashData(sealedBundle.Span);
        await using var session = await store.BeginIngestAsync(cancellationToken);
        // An identical retry is recognised before opening: its sequence number would read as a replay.
        if (await session.FindSealedAsync(sealedHash) is { } retried)
        {
            return new IngestResult(retried.BundleId, IngestStatus.AlreadyStored, retried.ObservationCount, 0, Convert.ToHexStringLower(retried.ContentSha256));
        }
        var opened = new BundleOpener(recipient, store.Devices, session.Sequences).Open(sealedBundle.Span);
        var now = time.GetUtcNow();
        var bundle = BundleReader.Read(opened.Payload, now, limits);
        if (!string.Equals(bundle.PatchId.Value, opened.DeviceId, StringComparison.Ordinal))
        {
            throw new InvalidInputException("$.patchId", $"'{bundle.PatchId}' is not the device that signed the bundle ('{opened.DeviceId}')");
        }
        // The hash of the canonical encoding identifies the content, whatever whitespace or field order it arrived in.
        byte[] hash = SHA256.HashData(BundleWriter.Write(bundle));
        var existing = await session.FindBundleAsync(bundle.BundleId);
        if (existing is not null)
        {
            if (!CryptographicOperations.FixedTimeEquals(existing.ContentSha256, hash))
            {
                throw new IngestConflictException("$.bundleId", $"bundle {bundle.BundleId} was already stored with different content");
            }
            return new IngestResult(bundle.BundleId, IngestStatus.AlreadyStored, existing.ObservationCount, 0, Convert.ToHexStringLower(hash));
        }
        var wearer = await session.GetWearerAsync(bundle.WearerId);
        if (bundle.Observations.Count > 0 && wearer.LastObservation is DateTimeOffset last && bundle.Observations[0].Time <= last)
        {
            throw new IngestConflictException("$.observations[0].time",
                $"{bundle.Observations[0].Time:O} is not after the wearer's newest stored observation ({last:O}); a wearer's bundles must follow one another in time");
        }
        if (bundle.Doses.Count > 0 && await session.GetLastDoseTimeAsync(bundle.WearerId) is DateTimeOffset lastDose && bundle.Doses[0].Time <= lastDose)
        {
            throw new IngestConflictException("$.doses[0].time",
                $"{bundle.Doses[0].Time:O} is not after the wearer's newest stored dose ({lastDose:O}); a wearer's bundles must follow one another in time");
        }
        if (await session.FindStoredEventAsync(bundle.WearerId, bundle.Events) is int stored and >= 0)
        {
            var e = bundle.Events[stored];
            throw new IngestConflictException($"$.events[{stored}]",
                $"a {Core.Events.PatchEventKinds.Name(e.Kind)} event starting at {e.Start:O} is already stored for this wearer");
        }
        long bundleKey = await session.AddBundleAsync(bundle, hash, sealedHash, now);
        await session.AppendLedgerAsync(BundleAccepted.From(opened, bundle.BundleId.ToString(), now));

        var tracker = new News2Tracker(wearer.RiskStateJson is null ? null : JsonSerializer.Deserialize<News2TrackerState>(wearer.RiskStateJson, StateJson));
        var assessments = new List<News2Assessment>();
        foreach (var observation in bundle.Observations)
        {
            tracker.Add(observation, assessments);
        }
        string wearerId = bundle.WearerId.Value;
        var risks = assessments.Select(a => new RiskRecord(wearerId, a.Time, a.Score)).ToList();
        var alerts = assessments.Where(a => a.Escalated && !Suppressed(wearer, a))
            .Select(a => new AlertRecord(0, wearerId, a.Time, a.Score.Level, a.Score.Total, AlertReason.Describe(a.Score)))
            .ToList();
        // The model's scorer leaves the cache for this ingest and goes back only once the transaction
        // committed: if anything below fails, the next ingest rebuilds it from the committed hours.
        StaggeredScorer? scorer = null;
        if (modelRisk is not null && bundle.Observations.Count > 0)
        {
            var state = wearer.ModelRiskStateJson is null ? null : JsonSerializer.Deserialize<ModelRiskState>(wearer.ModelRiskStateJson, StateJson);
            if (state is { LacksPolicyRun: true })
            {
                // Written before the alert policy: its run and trend are rebuilt from the stored hourly outputs.
                state = state.WithPolicyRunFrom(await session.GetRecentModelRisksAsync(bundle.WearerId, ModelAlertPolicy.RebuildHours));
            }
            scorer = await modelRisk.TakeAsync(wearerId, state?.Hours ?? 0, last => session.GetModelRiskInputsAsync(bundle.WearerId, last));
            var modelTracker = new ModelRiskTracker(wearerId, scorer, state);
            var hours = new List<ModelRiskRecord>();
            var escalations = new List<ModelEscalation>();
            foreach (var observation in bundle.Observations)
            {
                modelTracker.Add(observation, hours, escalations);
            }
            alerts.AddRange(escalations.Where(e => !ModelSuppressed(wearer, e.Risk)).Select(e => ModelRiskReason.Alert(e.Risk, modelRisk.ModelName, e.Rule)));
            await session.StoreModelRiskAsync(bundle.WearerId, JsonSerializer.Serialize(modelTracker.Snapshot(), StateJson), hours);
        }
        var newest = bundle.Observations.Count > 0 ? bundle.Observations[^1].Time : wearer.LastObservation;
        await session.UpdateWearerAsync(bundle.WearerId, bundleKey, newest, JsonSerializer.Serialize(tracker.Snapshot(), StateJson), risks, alerts);
        await session.CommitAsync();
        if (scorer is not null)
        {
            modelRisk!.Return(wearerId, scorer);
        }
        return new IngestResult(bundle.BundleId, IngestStatus.Stored, bundle.Observations.Count, alerts.Count, Convert.ToHexStringLower(hash));
    }

    /// <summary>A clinician acknowledged a model alert of this level or higher recently: do not alert again yet.</summary>
    private static bool ModelSuppressed(WearerIngestState wearer, ModelRiskRecord risk) =>
        wearer.ModelSuppressUntil is DateTimeOffset until && risk.Time < until && ModelRiskReason.AlertLevel(risk.Level) <= wearer.ModelSuppressLevel;

    /// <summary>A clinician acknowledged an alert of this level or higher recently: do not alert again yet.</summary>
    private static bool Suppressed(WearerIngestState wearer, News2Assessment assessment) =>
        wearer.SuppressUntil is DateTimeOffset until && assessment.Time < until && assessment.Score.Level <= wearer.SuppressLevel;
}
