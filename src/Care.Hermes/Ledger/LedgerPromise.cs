using Care.Hermes.Storage;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Ledger;

/// <summary>
/// The signed promise an act's caller gets at once, as API responses carry it (Certificate
/// Transparency's SCT): "the entry whose promised form hashes to <see cref="EntrySha256"/> was accepted
/// at <see cref="Timestamp"/> and will be in the log under a signed tree head by <see cref="PromisedBy"/>",
/// signed by the log key. The promised form is the entry's canonical bytes without <c>index</c> and
/// <c>prevRoot</c> (<see cref="LedgerEntry.ToPromisedJson"/>), the only part fixed before the sequencer
/// places it; once included, <see cref="SignedPromise.Check"/> confirms the placed entry is the promised
/// one. Immutable.
/// </summary>
/// <param name="EntrySha256">SHA-256 of the entry's promised form, lower-case hex (64 characters).</param>
/// <param name="Timestamp">When the act committed (UTC, millisecond precision).</param>
/// <param name="PromisedBy">The deadline: <see cref="Timestamp"/> + the log's maximum merge delay.</param>
/// <param name="MaximumMergeDelayMs">The maximum merge delay, milliseconds.</param>
/// <param name="KeyId">The log key that signed it (the key of <c>GET /v1/ledger/head</c>).</param>
/// <param name="Signature">The hybrid signature over <see cref="SignedPromise.SignedBytes"/>, base64.</param>
public sealed record LedgerPromise(string EntrySha256, DateTimeOffset Timestamp, DateTimeOffset PromisedBy, long MaximumMergeDelayMs, string KeyId, string Signature)
{
    /// <summary>The view of a signed promise.</summary>
    public static LedgerPromise From(SignedPromise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return new LedgerPromise(Convert.ToHexStringLower(promise.EntrySha256), promise.Timestamp, promise.Deadline,
            (long)promise.MaximumMergeDelay.TotalMilliseconds, promise.KeyId, Convert.ToBase64String(promise.Signature));
    }

    /// <summary>
    /// The promise for <paramref name="entry"/>, committed no later than <paramref name="committedAt"/>
    /// (callers pass a time read after the act's commit, so the deadline is never earlier than the
    /// sequencer's guarantee), signed by the store's sequencer; null for a backend without an outbox.
    /// </summary>
    public static LedgerPromise? For(IHermesStore store, LedgerEntry entry, DateTimeOffset committedAt)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entry);
        return store is ILedgerOutboxStore outbox ? From(outbox.Sequencer.Promise(entry, committedAt)) : null;
    }

    /// <summary>The signed promise this view shows (to verify it with the log key); throws <see cref="FormatException"/> for a malformed field.</summary>
    public SignedPromise ToSignedPromise() =>
        new(Convert.FromHexString(EntrySha256), Timestamp, TimeSpan.FromMilliseconds(MaximumMergeDelayMs), KeyId, Convert.FromBase64String(Signature));
}
