using Care.Epidemic.Exports;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Exposure;

/// <summary>
/// Storage of proximity tracing: verification codes (hashes only), published diagnosis keys, the
/// signed export files and anonymous notification counts. Nothing stored links a published key to a
/// wearer or a device: a code's row holds no wearer and is replaced by its bare hash when used, keys
/// carry no code, wearer or device (ADR 0021). A backend implements it beside
/// <see cref="Storage.IHermesStore"/>; the storage contract suite checks every backend. Thread safe;
/// every method honours cancellation.
/// </summary>
public interface IExposureStore
{
    /// <summary>Stores a new code (its hash) and writes <paramref name="entry"/> to the ledger in the same transaction.</summary>
    /// <exception cref="Core.Errors.InvalidInputException">A code with this hash exists already.</exception>
    Task AddVerificationCodeAsync(VerificationCodeRecord code, VerificationCodeIssued entry, CancellationToken cancellationToken = default);

    /// <summary>The unused code with this hash (expired or not: the caller checks), or null when there is none.</summary>
    Task<VerificationCodeRecord?> FindVerificationCodeAsync(byte[] codeSha256, CancellationToken cancellationToken = default);

    /// <summary>
    /// In ONE transaction: checks the code is unused and unexpired at <paramref name="at"/> and that no
    /// key's data is published already, then stores the keys (received at <paramref name="at"/>) and
    /// consumes the code (its row is replaced by its bare hash). Any failed check changes nothing. A
    /// used code whose keys are all stored already answers <see cref="KeyUploadOutcome.AlreadyPublished"/>
    /// (a retried upload) and changes nothing.
    /// </summary>
    Task<KeyUploadResult> PublishDiagnosisKeysAsync(byte[] codeSha256, IReadOnlyList<DiagnosisKey> keys, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stored keys in no export yet whose UTC day (rolling start + 144 intervals) ended at or before
    /// interval <paramref name="releasableBefore"/>, ordered by key data (so an export never lists one
    /// upload's keys together), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<PendingDiagnosisKey>> PendingDiagnosisKeysAsync(int releasableBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// In ONE transaction: stores the signed export, marks its keys exported (each must still be
    /// pending, else nothing changes and <see cref="InvalidOperationException"/> is thrown) and writes
    /// <c>DiagnosisKeysPublished</c> to the ledger. Returns the stored export's summary.
    /// </summary>
    Task<ExportSummary> StoreExportAsync(ExportDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Exports with an id above <paramref name="after"/> in id order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ExportSummary>> ListExportsAsync(long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The zip of export <paramref name="id"/>, or null when there is no such export.</summary>
    Task<byte[]?> ReadExportAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an anonymous count of exposure notifications a kiosk gave in <paramref name="region"/> on
    /// <paramref name="day"/>. Idempotent by <paramref name="reportId"/>: a resent report adds nothing
    /// and returns false.
    /// </summary>
    Task<bool> RecordNotificationsAsync(Guid reportId, string region, DateOnly day, int count, CancellationToken cancellationToken = default);

    /// <summary>Notifications per region and day for <paramref name="from"/> to <paramref name="to"/> (inclusive), by day then region; days without reports are absent.</summary>
    Task<IReadOnlyList<NotificationCount>> NotificationCountsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
