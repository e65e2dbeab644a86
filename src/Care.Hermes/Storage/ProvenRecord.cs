using Care.Trust.Ledger;

namespace Care.Hermes.Storage;

/// <summary>A ledger entry and, once a signed tree head covers it, its inclusion proof.</summary>
/// <param name="Record">The stored entry.</param>
/// <param name="Proof">Its proof under the latest signed tree head, or null until the next scheduled head covers it.</param>
public sealed record ProvenRecord(LedgerRecord Record, InclusionProofDocument? Proof);
