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
/// registered, unrevoked device; encrypted for this Hermes), its payload read and validated, all
/// before any lock; then, in a single write session, its sequence number is checked above the
/// device's last (replays refused by the one writer), the bundle is
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
public sealed partial class BundleIngestor(IHermesStore store, HybridKemPrivateKey recipient, TimeProvider time, BundleLimits limits, SepsisRiskScoring? modelRisk = null)
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    /// <summary>Room the seal adds around the payload (header, KEM ciphertext, nonce, tag, signature).</summary>
    private const int SealOverheadBytes = 8 * 1024;

    /// <summary>Signs tree heads when due after each ingest; null for none (tests of ingest alone).</summary>
    public Ledger.TreeHeadSchedule? TreeHeads { get; init; }

    /// <summary>
    /// Who owns each wearer's ingest order, or null (the default) when this ingestor stores every
    /// upload itself. A cluster sets it to route opened uploads to the wearer's grain.
    /// </summary>
    public IWearerIngestRouter? Router { get; init; }

    /// <summary>Ingests one sealed bundle: opens it here (no lock), then stores it through <see cref="Router"/> or itself.</summary>
    /// <exception cref="BundleRejectedException">The seal is not acceptable (unsigned, unknown or revoked device, tampered, replayed, …), or the signing patch may not write the record the bundle names (bound to another wearer, retired), which is written to the ledger as <c>BundleRefused</c>; nothing was stored.</exception>
    /// <exception cref="InvalidInputException">The payload is invalid; nothing was stored.</exception>
    /// <exception cref="IngestConflictException">The bundle contradicts stored data; nothing was stored.</exception>
    public async Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> sealedBundle, CancellationToken cancellationToken = default)
    {
        var (stored, upload) = await OpenAsync(sealedBundle, cancellationToken);
        if (stored is not null)
        {
            return stored;
        }
        return Router is null
            ? await IngestOpenedAsync(upload!, cancellationToken)
            : await Router.IngestAsync(upload!, cancellationToken);
    }

    /// <summary>
    /// The part of <see cref="IngestAsync"/> that needs no lock: the size limit, an identical retry,
    /// the seal (signature, device, decryption), the payload's rules and the signer named in it.
    /// Returns the earlier answer for an identical retry, else the opened upload.
    /// </summary>
    /// <exception cref="BundleRejectedException">The seal is not acceptable.</exception>
    /// <exception cref="InvalidInputException">The payload is invalid.</exception>
    public async Task<(IngestResult? AlreadyStored, OpenedUpload? Upload)> OpenAsync(ReadOnlyMemory<byte> sealedBundle, CancellationToken cancellationToken = default)
    {
        if (sealedBundle.Length > limits.MaxBytes + SealOverheadBytes)
        {
            throw new InvalidInputException("$", $"the bundle is {sealedBundle.Length} bytes; the limit is {limits.MaxBytes + SealOverheadBytes} bytes");
        }
        byte[] sealedHash = SHA256.HashData(sealedBundle.Span);
        // An identical retry is recognised before opening: its sequence number would read as a replay.
        if (await store.FindSealedAsync(sealedHash, cancellationToken) is { } retried)
        {
            return (AlreadyStored(retried), null);
        }
        // Verifying the hybrid signature, decapsulating, decrypting and parsing need no lock: they run
        // before the write session, so uploads are verified concurrently and the writer only stores.
        var sequence = new DeferredSequenceCheck();
        var opened = new BundleOpener(recipient, store.Devices, sequence).Open(sealedBundle.Span);
        var now = time.GetUtcNow();
        var bundle = Read(opened.Payload, opened.DeviceId, now);
        return (null, new OpenedUpload(opened.DeviceId, opened.Sequence, opened.SealedAt, opened.Payload, opened.ContentSha256, sealedHash, now, bundle.WearerId) { Parsed = bundle });
    }

    /// <summary>
    /// Stores an upload opened by <see cref="OpenAsync"/> (here or on another node): under one write
    /// session, checks its sequence above the device's last (replays refused), the patch's binding, stored
    /// content and per-patch order, then stores, ledgers and scores it; a bundle is stored whole or not at
    /// all. A cluster calls this from the wearer's grain, so one wearer's uploads are stored one at a time.
    /// </summary>
    /// <exception cref="BundleRejectedException">Replayed, or the patch may not write this wearer's record (ledgered as <c>BundleRefused</c>); nothing was stored.</exception>
    /// <exception cref="InvalidInputException">The payload is invalid; nothing was stored.</exception>
    /// <exception cref="IngestConflictException">The bundle contradicts stored data; nothing was stored.</exception>
    public async Task<IngestResult> IngestOpenedAsync(OpenedUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var bundle = upload.Parsed ?? Read(upload.Payload, upload.DeviceId, upload.ReceivedAt);
        if (bundle.WearerId != upload.Wearer)
        {
            throw new InvalidInputException("$.wearerId", $"'{bundle.WearerId}' is not the wearer the upload was routed by ('{upload.Wearer}')");
        }
        var opened = new OpenedBundle(upload.DeviceId, upload.Sequence, upload.SealedAt, upload.Payload, upload.PayloadSha256);
        var now = upload.ReceivedAt;
        var refusal = Refuse(opened.DeviceId, bundle, upload.SealedSha256, now);
        // The content is identified by its canonical encoding, whatever whitespace or field order it
        // arrived in; the same hash goes into the ledger, so an edited stored row is caught against it.
        byte[] hash = BundleContent.Sha256(bundle);
        var (result, refused) = await StoreAsync(opened, bundle, hash, upload.SealedSha256, refusal, now, cancellationToken);
        if (refused is not null)
        {
            // The ingest transaction rolled back; the refusal is ledgered on its own, once per upload.
            await store.RecordRefusalAsync(refused.Entry, cancellationToken);
            throw refused.Exception;
        }
        if (TreeHeads is not null && result!.Status == IngestStatus.Stored)
        {
            await TreeHeads.SignIfDueAsync(cancellationToken);
        }
        return Promised(result!, opened, bundle, hash, now);
    }

    /// <summary>The ledger entry of a stored bundle.</summary>
    private static BundleAccepted Accepted(OpenedBundle opened, Bundle bundle, byte[] hash, DateTimeOffset now) =>
        new(bundle.BundleId.ToString(), Convert.ToHexStringLower(hash), opened.DeviceId, opened.Sequence) { At = now };

    /// <summary>
    /// A stored upload's answer with the log's signed promise for its entry, signed after the session
    /// ended (≈ 0.7 ms, outside the write lock) and dated after the commit, so its deadline is never
    /// earlier than the sequencer's guarantee. A re-send's answer is returned as it is.
    /// </summary>
    private IngestResult Promised(IngestResult result, OpenedBundle opened, Bundle bundle, byte[] hash, DateTimeOffset now) =>
        result.Status == IngestStatus.Stored ? result with { Promise = Ledger.LedgerPromise.For(store, Accepted(opened, bundle, hash, now), time.GetUtcNow()) } : result;
    /// <summary>Reads the payload and checks that the device that signed it is the patch it names.</summary>
    private Bundle Read(byte[] payload, string deviceId, DateTimeOffset now)
    {
        var bundle = BundleReader.Read(payload, now, limits);
        if (!string.Equals(bundle.PatchId.Value, deviceId, StringComparison.Ordinal))
        {
            throw new InvalidInputException("$.patchId", $"'{bundle.PatchId}' is not the device that signed the bundle ('{deviceId}')");
        }
        return bundle;
    }

    private static IngestResult AlreadyStored(StoredBundle stored) =>
        new(stored.BundleId, IngestStatus.AlreadyStored, stored.ObservationCount, 0, Convert.ToHexStringLower(stored.ContentSha256));

    /// <summary>The part that needs the write session: replay and ordering checks against stored state, then storing, ledgering and scoring.</summary>
    private async Task<(IngestResult? Result, Refusal? Refusal)> StoreAsync(
        OpenedBundle opened, Bundle bundle, byte[] hash, byte[] sealedHash, Refusal? refusal, DateTimeOffset now, CancellationToken cancellationToken, bool sequenced = true)
    {
        await using var session = await store.BeginIngestAsync(cancellationToken);
        // Checked again under the session: the same bytes may have committed since the first look.
        if (await session.FindSealedAsync(sealedHash) is { } retried)
        {
            return (AlreadyStored(retried), null);
        }
        // Replay protection is decided by the one writer, against its view of the ledger.
        if (sequenced && await session.LastSequenceAsync(opened.DeviceId) is { } lastSequence && opened.Sequence <= lastSequence)
        {
            throw new BundleRejectedException(BundleRejection.Replayed, $"sequence {opened.Sequence} of device '{opened.DeviceId}' is not above the last accepted {lastSequence}");
        }
        if (refusal is not null)
        {
            return (null, refusal);
        }
        var existing = await session.FindBundleAsync(bundle.BundleId);
        if (existing is not null)
        {
            if (!CryptographicOperations.FixedTimeEquals(existing.ContentSha256, hash))
            {
                throw new IngestConflictException("$.bundleId", $"bundle {bundle.BundleId} was already stored with different content");
            }
            return (new IngestResult(bundle.BundleId, IngestStatus.AlreadyStored, existing.ObservationCount, 0, Convert.ToHexStringLower(hash)), null);
        }
        // Ordering is per patch: another patch's data can never make this patch's upload a conflict.
        var (patchLastObservation, patchLastDose) = await session.GetPatchWatermarksAsync(bundle.PatchId);
        if (bundle.Observations.Count > 0 && patchLastObservation is DateTimeOffset last && bundle.Observations[0].Time <= last)
        {
            throw new IngestConflictException("$.observations[0].time",
                $"{bundle.Observations[0].Time:O} is not after this patch's newest stored observation ({last:O}); a patch's bundles must follow one another in time");
        }
        if (bundle.Doses.Count > 0 && patchLastDose is DateTimeOffset lastDose && bundle.Doses[0].Time <= lastDose)
        {
            throw new IngestConflictException("$.doses[0].time",
                $"{bundle.Doses[0].Time:O} is not after this patch's newest stored dose ({lastDose:O}); a patch's bundles must follow one another in time");
        }
        if (await session.FindStoredEventAsync(bundle.WearerId, bundle.PatchId, bundle.Events) is int stored and >= 0)
        {
            var e = bundle.Events[stored];
            throw new IngestConflictException($"$.events[{stored}]",
                $"a {Core.Events.PatchEventKinds.Name(e.Kind)} event starting at {e.Start:O} is already stored from this patch");
        }
        var wearer = await session.GetWearerAsync(bundle.WearerId);
        long bundleKey = await session.AddBundleAsync(bundle, hash, sealedHash, now);
        await session.AppendLedgerAsync(Accepted(opened, bundle, hash, now));

        // Risk follows the wearer's time: readings older than what was already scored (another
        // patch's overlap at a swap) are stored but not scored again.
        var scored = wearer.LastObservation is DateTimeOffset scoredUpTo
            ? bundle.Observations.Where(o => o.Time > scoredUpTo).ToList()
            : (IReadOnlyList<Core.Observations.Observation>)bundle.Observations;
        var tracker = new News2Tracker(wearer.RiskStateJson is null ? null : JsonSerializer.Deserialize<News2TrackerState>(wearer.RiskStateJson, StateJson));
        var assessments = new List<News2Assessment>();
        foreach (var observation in scored)
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
        if (modelRisk is not null && scored.Count > 0)
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
            foreach (var observation in scored)
            {
                modelTracker.Add(observation, hours, escalations);
            }
            alerts.AddRange(escalations.Where(e => !ModelSuppressed(wearer, e.Risk)).Select(e => ModelRiskReason.Alert(e.Risk, modelRisk.ModelName, e.Rule)));
            await session.StoreModelRiskAsync(bundle.WearerId, JsonSerializer.Serialize(modelTracker.Snapshot(), StateJson), hours);
        }
        var newest = scored.Count > 0 ? scored[^1].Time : wearer.LastObservation;
        await session.UpdateWearerAsync(bundle.WearerId, bundleKey, newest, JsonSerializer.Serialize(tracker.Snapshot(), StateJson), risks, alerts);
        await session.CommitAsync();
        if (scorer is not null)
        {
            modelRisk!.Return(wearerId, scorer);
        }
        return (new IngestResult(bundle.BundleId, IngestStatus.Stored, bundle.Observations.Count, alerts.Count, Convert.ToHexStringLower(hash)), null);
    }

    /// <summary>
    /// A verified bundle that must not enter the record it names: its patch is bound to another
    /// wearer (or to none) or was retired. The refusal names the reason and goes to the ledger under
    /// the wearer whose record it tried to write.
    /// </summary>
    private Refusal? Refuse(string deviceId, Bundle bundle, byte[] sealedHash, DateTimeOffset now)
    {
        var device = store.Devices.Find(deviceId);
        string? bound = device?.Wearer?.Value;
        string? reason = device is null ? null
            : bound is null ? $"patch '{deviceId}' is not bound to a wearer (registered before binding); register it again for its wearer"
            : bound != bundle.WearerId.Value ? $"patch '{deviceId}' is registered for another wearer, not '{bundle.WearerId}'; a patch may write only its own wearer's record"
            : device.Retired ? $"patch '{deviceId}' was retired at a swap; its data was already acknowledged"
            : null;
        if (reason is null)
        {
            return null;
        }
        var rejection = device!.Retired && bound == bundle.WearerId.Value ? BundleRejection.RetiredDevice : BundleRejection.WrongWearer;
        return new Refusal(
            new BundleRefused(deviceId, bundle.WearerId, reason, Convert.ToHexStringLower(sealedHash), bound) { At = now },
            new BundleRejectedException(rejection, reason));
    }

    private sealed record Refusal(BundleRefused Entry, BundleRejectedException Exception);

    /// <summary>A clinician acknowledged a model alert of this level or higher recently: do not alert again yet.</summary>
    private static bool ModelSuppressed(WearerIngestState wearer, ModelRiskRecord risk) =>
        AlertSuppression.Current(wearer, AlertKind.SepsisModel) is { } window && window.Suppresses(risk.Time, ModelRiskReason.AlertLevel(risk.Level));

    /// <summary>A clinician acknowledged an alert of this level or higher recently: do not alert again yet.</summary>
    private static bool Suppressed(WearerIngestState wearer, News2Assessment assessment) =>
        AlertSuppression.Current(wearer, AlertKind.News2) is { } window && window.Suppresses(assessment.Time, assessment.Score.Level);
}
