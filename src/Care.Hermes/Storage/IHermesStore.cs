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
/// Hermes's storage. Domain code talks only to this interface; SQLite is the embedded default
/// and PostgreSQL can implement the same contract. Implementations are thread safe; writes go
/// through <see cref="BeginIngestAsync"/> sessions that commit all or nothing.
/// </summary>
public interface IHermesStore : IAsyncDisposable
{
    /// <summary>Opens a write session; only one is open at a time (others wait).</summary>
    ValueTask<IIngestSession> BeginIngestAsync(CancellationToken cancellationToken = default);

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

    /// <summary>Alerts raised at or after <paramref name="since"/> (all when null), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AlertRecord>> GetAlertsAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Acknowledges an alert (idempotent: a second acknowledgement returns the first), writes an
    /// <c>AlertAcknowledged</c> entry to the ledger in the same transaction, and suppresses
    /// re-alerts of its kind at its level or lower for the wearer until <paramref name="suppressUntil"/>.
    /// Returns null when no alert has this id.
    /// </summary>
    Task<AlertRecord?> AcknowledgeAlertAsync(long alertId, string tokenId, Access.Role role, DateTimeOffset at, DateTimeOffset suppressUntil, CancellationToken cancellationToken = default);

    /// <summary>Device identities that may upload; thread safe.</summary>
    IDeviceDirectory Devices { get; }

    /// <summary>Registers a device identity (refusing classical-only algorithms and duplicates with <see cref="Core.Errors.InvalidInputException"/>).</summary>
    Task RegisterDeviceAsync(string deviceId, string algorithm, byte[] publicKey, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes a device; false when no such device is registered.</summary>
    Task<bool> RevokeDeviceAsync(string deviceId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The ledger's entries about one wearer, each with an inclusion proof against a freshly signed tree head.</summary>
    Task<IReadOnlyList<InclusionProofDocument>> ProveWearerAsync(WearerId wearer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases an on-device model: writes <c>ModelReleased</c> (name, version, SHA-256 of the model
    /// file, who released it) to the ledger and returns the entry's index. Kiosks load a model only
    /// when its hash is in the ledger (see <c>Care.Kiosk.Models.ModelGate</c>).
    /// </summary>
    Task<long> ReleaseModelAsync(string name, string version, string sha256Hex, string releasedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The newest release of a model with its inclusion proof, or null when none was released.</summary>
    Task<InclusionProofDocument?> LatestModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Appends an act to the ledger on its own (committed before return); returns its index.</summary>
    Task<long> AppendToLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The newest ledger entry of <paramref name="kind"/> about <paramref name="wearer"/>, with its inclusion proof, or null.</summary>
    Task<InclusionProofDocument?> ProveLatestAsync(string kind, WearerId wearer, CancellationToken cancellationToken = default);

    /// <summary>The ledger's public key (what a verifier needs).</summary>
    HybridVerificationKey LedgerKey { get; }

    /// <summary>True when the wearer has any stored data.</summary>
    Task<bool> WearerExistsAsync(WearerId wearer, CancellationToken cancellationToken = default);

    /// <summary>Stores a new token.</summary>
    Task AddTokenAsync(TokenRecord token, CancellationToken cancellationToken = default);

    /// <summary>The token with this hash, or null.</summary>
    Task<TokenRecord?> FindTokenAsync(byte[] sha256, CancellationToken cancellationToken = default);

    /// <summary>Records in the ledger that a token read a wearer's record (who, role, which wearer, when, what).</summary>
    Task RecordAccessAsync(string tokenId, Access.Role role, WearerId wearer, DateTimeOffset at, string action, CancellationToken cancellationToken = default);
}
