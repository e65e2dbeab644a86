using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Trust.Bundles;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Storage;

/// <summary>
/// Hermes's storage contract. Domain code talks only to this interface; each backend assembly
/// (<c>Care.Hermes.Storage.Sqlite</c>, the embedded default) implements it with all of its SQL, and
/// the storage contract suite (<c>tests/Care.Hermes.Storage.Tests</c>) checks every backend against it.
/// Implementations are thread safe and honour cancellation; writes go through
/// <see cref="BeginIngestAsync"/> sessions that commit all or nothing; disposal is idempotent.
/// </summary>
public interface IHermesStore : IAsyncDisposable
{
    /// <summary>
    /// Opens a write session; sessions are serialised (others wait), so do the work that needs no
    /// lock (verifying, decrypting, parsing) before opening one. Honours cancellation while waiting.
    /// </summary>
    ValueTask<IIngestSession> BeginIngestAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The committed bundle whose sealed bytes had this SHA-256, or null: recognises an identical
    /// retry before any work or lock (a session checks again under its lock).
    /// </summary>
    Task<StoredBundle?> FindSealedAsync(byte[] sealedSha256, CancellationToken cancellationToken = default);

    /// <summary>Observations of one wearer matching <paramref name="query"/>, in time order.</summary>
    Task<IReadOnlyList<Observation>> QueryObservationsAsync(ObservationQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many observations are stored for each of <paramref name="wearers"/>, in total.</summary>
    Task<long> CountObservationsAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default);

    /// <summary>Insulin doses of one wearer matching <paramref name="query"/>, in time order.</summary>
    Task<IReadOnlyList<DoseDelivery>> QueryDosesAsync(DoseQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many insulin doses are stored for each of <paramref name="wearers"/>, in total.</summary>
    Task<long> CountDosesAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default);

    /// <summary>A wearer's rhythm events in start order, at most <see cref="EventQuery.Limit"/>.</summary>
    Task<IReadOnlyList<PatchEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken = default);

    /// <summary>Stored rhythm events of <paramref name="wearers"/>, by kind (kinds without events are absent).</summary>
    Task<IReadOnlyDictionary<PatchEventKind, long>> CountEventsAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default);

    /// <summary>The latest NEWS2 assessment of a wearer, or null when none exists.</summary>
    Task<RiskRecord?> GetLatestRiskAsync(WearerId wearer, CancellationToken cancellationToken = default);

    /// <summary>The latest explained sepsis-model output of a wearer, or null when the model has not scored one.</summary>
    Task<ModelRiskRecord?> GetLatestModelRiskAsync(WearerId wearer, CancellationToken cancellationToken = default);

    /// <summary>The alert with this id, or null.</summary>
    Task<AlertRecord?> GetAlertAsync(long alertId, CancellationToken cancellationToken = default);

    /// <summary>Alerts matching <paramref name="query"/> (every filter applied before its limit), newest first.</summary>
    Task<IReadOnlyList<AlertRecord>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>Device identities that may upload; thread safe.</summary>
    IDeviceDirectory Devices { get; }

    /// <summary>
    /// Registers a patch identity for one wearer and writes <c>DeviceRegistered</c> to the ledger in
    /// the same transaction (refusing classical-only algorithms and duplicates with <see cref="Core.Errors.InvalidInputException"/>).
    /// </summary>
    Task RegisterDeviceAsync(DeviceEnrolment enrolment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a device (retired at a swap, or revoked) and writes <c>DeviceRetired</c> to the ledger in
    /// the same transaction; its later bundles are refused. Idempotent (a second call changes nothing
    /// and writes nothing); false when no such device is registered.
    /// </summary>
    Task<bool> EndDeviceAsync(string deviceId, DeviceEnd reason, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a refusal of a verified bundle (<c>BundleRefused</c>) to the ledger, once per upload
    /// (keyed by its sealed bytes' SHA-256): a resend of the same refused bytes writes nothing new.
    /// </summary>
    Task RecordRefusalAsync(BundleRefused refusal, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the ledger's entries about one wearer (after index <paramref name="after"/>, at most
    /// <paramref name="limit"/>), proven under the latest scheduled tree head; reading signs nothing.
    /// </summary>
    Task<LedgerPage> ProveWearerAsync(WearerId wearer, long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Signs a tree head when one is due (entries since the last, and it is at least <paramref name="minInterval"/> old); null when none was due.</summary>
    Task<SignedTreeHead?> PublishTreeHeadIfDueAsync(TimeSpan minInterval, CancellationToken cancellationToken = default);

    /// <summary>Signs a tree head over the whole ledger now (the existing one when nothing was appended since): at shutdown and for operators.</summary>
    Task<SignedTreeHead> PublishTreeHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest signed tree head, or null when none was signed yet.</summary>
    Task<SignedTreeHead?> LatestTreeHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The RFC 9162 consistency proof between the trees of <paramref name="from"/> and <paramref name="to"/> entries (1 ≤ from ≤ to ≤ entries).</summary>
    Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long from, long to, CancellationToken cancellationToken = default);

    /// <summary>Number of ledger entries committed.</summary>
    Task<long> LedgerSizeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases an on-device model: writes <c>ModelReleased</c> (name, version, SHA-256 of the model
    /// file, who released it) to the ledger and returns the entry's index. Kiosks load a model only
    /// when its hash is in the ledger (see <c>Care.Kiosk.Models.ModelGate</c>).
    /// </summary>
    Task<long> ReleaseModelAsync(string name, string version, string sha256Hex, string releasedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The newest release of a model (with its inclusion proof once a signed head covers it), or null when none was released.</summary>
    Task<ProvenRecord?> LatestModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Appends an act to the ledger on its own (committed before return); returns its index.</summary>
    Task<long> AppendToLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The newest ledger entry of <paramref name="kind"/> about <paramref name="wearer"/> (with its inclusion proof once a signed head covers it), or null.</summary>
    Task<ProvenRecord?> ProveLatestAsync(string kind, WearerId wearer, CancellationToken cancellationToken = default);

    /// <summary>The ledger's public key (what a verifier needs).</summary>
    HybridVerificationKey LedgerKey { get; }

    /// <summary>True when the wearer has any stored data.</summary>
    Task<bool> WearerExistsAsync(WearerId wearer, CancellationToken cancellationToken = default);

    /// <summary>Stores a new token and writes <c>TokenIssued</c> (id, role, expiry, scope; never the secret) to the ledger in the same transaction.</summary>
    Task AddTokenAsync(TokenRecord token, string issuedBy, CancellationToken cancellationToken = default);

    /// <summary>The token with this hash (valid or not: the caller checks), or null.</summary>
    Task<TokenRecord?> FindTokenAsync(byte[] sha256, CancellationToken cancellationToken = default);

    /// <summary>
    /// Wearers in id order after <paramref name="after"/> (exclusive; null from the start), at most
    /// <paramref name="limit"/>; with <paramref name="only"/>, just those wearers (a care team's scope).
    /// </summary>
    Task<IReadOnlyList<WearerSummary>> ListWearersAsync(string? after, int limit, IReadOnlyCollection<Core.Ids.WearerId>? only, CancellationToken cancellationToken = default);

    /// <summary>Every token, newest first (hashes included; never shown).</summary>
    Task<IReadOnlyList<TokenRecord>> ListTokensAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes a token and writes <c>TokenRevoked</c> to the ledger (idempotent); false when no token has this id.</summary>
    Task<bool> RevokeTokenAsync(string tokenId, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records in the ledger that a token read wearers' records: one <c>RecordAccessed</c> per wearer (who, role, which wearer, when, what), in one transaction.</summary>
    Task RecordAccessAsync(string tokenId, Access.Role role, IReadOnlyCollection<WearerId> wearers, DateTimeOffset at, string action, CancellationToken cancellationToken = default);

    /// <summary>Null when the database answers and the ledger can be read; otherwise why not (for <c>/readyz</c>).</summary>
    Task<string?> ReadinessProblemAsync(CancellationToken cancellationToken = default);
}
