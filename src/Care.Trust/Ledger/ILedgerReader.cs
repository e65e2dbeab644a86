namespace Care.Trust.Ledger;

/// <summary>
/// Read access to a stored log, whatever holds it: what <see cref="LedgerVerifier"/> checks. A
/// storage backend implements it over its own tables; the verifier trusts nothing it returns.
/// </summary>
public interface ILedgerReader
{
    /// <summary>Every stored entry in ascending index order (gaps and duplicates are the verifier's to find).</summary>
    IAsyncEnumerable<LedgerRecord> ReadEntriesAsync(CancellationToken cancellationToken = default);

    /// <summary>Every stored signed tree head, smallest size first.</summary>
    Task<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken = default);
}
