namespace Care.Trust.Ledger;

/// <summary>One page of a wearer's ledger view, as a storage backend answers it: entries covered by the latest signed head with their proofs, newer ones pending.</summary>
/// <param name="Proven">Entries covered by <paramref name="Head"/>, each with its inclusion proof under it.</param>
/// <param name="Pending">Newer entries, not yet covered by a signed tree head (they will be within the signing interval).</param>
/// <param name="Head">The latest signed tree head, or null when none was signed yet.</param>
/// <param name="NextAfter">Pass as <c>after</c> to read the next page; null on the last page.</param>
public sealed record LedgerPage(
    IReadOnlyList<InclusionProofDocument> Proven,
    IReadOnlyList<LedgerRecord> Pending,
    SignedTreeHead? Head,
    long? NextAfter);
