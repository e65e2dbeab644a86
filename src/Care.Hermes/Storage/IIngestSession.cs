using Care.Core.Bundles;
using Care.Core.Ids;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Storage;

/// <summary>
/// One write transaction. Nothing is visible to readers, and nothing survives a crash, until
/// <see cref="CommitAsync"/>; disposing without committing rolls everything back. Sessions of one
/// store are serialised (one writer decides order); open one only after the work that needs no lock
/// (verifying, decrypting, parsing) is done. Not thread safe.
/// </summary>
public interface IIngestSession : IAsyncDisposable
{
    /// <summary>
    /// The last bundle sequence accepted from <paramref name="deviceId"/> in this session's view (its
    /// <c>BundleAccepted</c> entries), or null: replay protection decided under the write session, so
    /// two uploads of one sequence cannot both commit.
    /// </summary>
    ValueTask<long?> LastSequenceAsync(string deviceId);

    /// <summary>The alert with this id as this session sees it, or null.</summary>
    ValueTask<AlertRecord?> FindAlertAsync(long alertId);

    /// <summary>Marks the alert acknowledged by <paramref name="tokenId"/> at <paramref name="at"/> unless it already is; true when this call acknowledged it.</summary>
    ValueTask<bool> MarkAlertAcknowledgedAsync(long alertId, string tokenId, DateTimeOffset at);

    /// <summary>
    /// Stores the wearer's suppression window for alerts of <paramref name="kind"/>: alerts up to
    /// <paramref name="level"/> raised before <paramref name="until"/> are suppressed. The rule that
    /// decides the window is the core's (<see cref="Alerts.AlertSuppression"/>); the store only keeps it.
    /// </summary>
    ValueTask SetSuppressionAsync(WearerId wearer, Alerts.AlertKind kind, DateTimeOffset until, Clinical.EarlyWarning.News2Level level);

    /// <summary>
    /// The newest ledger entry of <paramref name="kind"/> about <paramref name="wearer"/> in this session's view, or null. An entry
    /// still in the outbox is newer than any in the log and comes back with index −1 and its promised form as data.
    /// </summary>
    ValueTask<Trust.Ledger.LedgerRecord?> LatestLedgerEntryAsync(string kind, WearerId wearer);

    /// <summary>The stored bundle whose sealed bytes had this SHA-256, or null.</summary>
    ValueTask<StoredBundle?> FindSealedAsync(byte[] sealedSha256);

    /// <summary>
    /// Appends an entry to the ledger inside this session's transaction. A backend that is an
    /// <see cref="Ledger.ILedgerOutboxStore"/> writes it to the outbox and returns its outbox id (the
    /// sequencer gives the log index later: <see cref="Ledger.LedgerSequencer.AwaitInclusionAsync"/>);
    /// a backend without an outbox returns the log index.
    /// </summary>
    ValueTask<long> AppendLedgerAsync(LedgerEntry entry);

    /// <summary>The stored bundle with this id, or null.</summary>
    ValueTask<StoredBundle?> FindBundleAsync(Guid bundleId);

    /// <summary>The wearer's ingest position (a new wearer gets an empty one).</summary>
    ValueTask<WearerIngestState> GetWearerAsync(WearerId wearer);

    /// <summary>The index in <paramref name="events"/> of the first event whose (kind, start) the same patch already stored for the wearer, or −1.</summary>
    ValueTask<int> FindStoredEventAsync(WearerId wearer, PatchId patch, IReadOnlyList<Core.Events.PatchEvent> events);

    /// <summary>The times of the newest observation and the newest dose this patch delivered (null when none): ordering is per patch.</summary>
    ValueTask<(DateTimeOffset? LastObservation, DateTimeOffset? LastDose)> GetPatchWatermarksAsync(PatchId patch);

    /// <summary>Stores the bundle record, all its observations, doses and events, and moves its patch's watermarks forward; returns the bundle's storage key.</summary>
    ValueTask<long> AddBundleAsync(Bundle bundle, byte[] contentSha256, byte[] sealedSha256, DateTimeOffset receivedAt);

    /// <summary>Stores NEWS2 assessments and alerts (of every kind) and moves the wearer's ingest position forward.</summary>
    ValueTask UpdateWearerAsync(
        WearerId wearer,
        long bundleKey,
        DateTimeOffset? lastObservation,
        string riskStateJson,
        IReadOnlyList<RiskRecord> risks,
        IReadOnlyList<AlertRecord> alerts);

    /// <summary>
    /// How many hourly model inputs the wearer has stored, and the last <paramref name="lastHours"/> of
    /// them (all when fewer), oldest first (see <see cref="ModelRiskRecord.Inputs"/>): what its scorer was fed.
    /// </summary>
    ValueTask<(int Stored, IReadOnlyList<IReadOnlyList<float>> Last)> GetModelRiskInputsAsync(WearerId wearer, int lastHours);

    /// <summary>
    /// The level and calibrated probability (0–1) of the wearer's last <paramref name="hours"/> stored
    /// model-risk hours (all when fewer are stored), oldest first: what the model alert policy saw.
    /// </summary>
    ValueTask<IReadOnlyList<(Clinical.Sepsis.SepsisRiskLevel Level, double Probability)>> GetRecentModelRisksAsync(WearerId wearer, int hours);

    /// <summary>Stores the wearer's scored model-risk hours and the model-risk tracker's new state.</summary>
    ValueTask StoreModelRiskAsync(WearerId wearer, string modelRiskStateJson, IReadOnlyList<ModelRiskRecord> risks);

    /// <summary>Makes every change of the session durable at once.</summary>
    ValueTask CommitAsync();
}
