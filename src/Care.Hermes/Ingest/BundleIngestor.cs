using System.Security.Cryptography;
using System.Text.Json;
using Care.Clinical.EarlyWarning;
using Care.Core.Bundles;
using Care.Hermes.Alerts;
using Care.Hermes.Storage;

namespace Care.Hermes.Ingest;

/// <summary>
/// The one path by which data enters Hermes: read and validate the bundle, then in a single
/// transaction store it, advance the wearer's NEWS2 tracker, and record assessments and alerts.
/// A bundle is stored whole or not at all; a re-send of a stored bundle changes nothing.
/// Thread safe.
/// </summary>
public sealed class BundleIngestor(IHermesStore store, TimeProvider time, BundleLimits limits)
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    /// <summary>Ingests one encoded bundle.</summary>
    /// <exception cref="Core.Errors.InvalidInputException">The bundle is invalid; nothing was stored.</exception>
    /// <exception cref="IngestConflictException">The bundle contradicts stored data; nothing was stored.</exception>
    public async Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var bundle = BundleReader.Read(body.Span, time.GetUtcNow(), limits);
        // The hash of the canonical encoding identifies the content, whatever whitespace or field order it arrived in.
        byte[] hash = SHA256.HashData(BundleWriter.Write(bundle));
        await using var session = await store.BeginIngestAsync(cancellationToken);
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
        long bundleKey = await session.AddBundleAsync(bundle, hash, time.GetUtcNow());

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
        var newest = bundle.Observations.Count > 0 ? bundle.Observations[^1].Time : wearer.LastObservation;
        await session.UpdateWearerAsync(bundle.WearerId, bundleKey, newest, JsonSerializer.Serialize(tracker.Snapshot(), StateJson), risks, alerts);
        await session.CommitAsync();
        return new IngestResult(bundle.BundleId, IngestStatus.Stored, bundle.Observations.Count, alerts.Count, Convert.ToHexStringLower(hash));
    }

    /// <summary>A clinician acknowledged an alert of this level or higher recently: do not alert again yet.</summary>
    private static bool Suppressed(WearerIngestState wearer, News2Assessment assessment) =>
        wearer.SuppressUntil is DateTimeOffset until && assessment.Time < until && assessment.Score.Level <= wearer.SuppressLevel;
}
