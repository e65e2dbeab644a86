namespace Care.Trust.Ledger;

/// <summary>The result of <see cref="LedgerVerifier.VerifyAsync"/>.</summary>
/// <param name="IsValid">True when every entry, every signed tree head and every head given from elsewhere checks.</param>
/// <param name="Entries">Entries read.</param>
/// <param name="TreeHeads">Signed tree heads checked (the log's own and those given from elsewhere).</param>
/// <param name="FirstBadEntry">The first entry found bad, or null. Exact when the evidence pins it (a bad hash, a gap, an entry whose successor committed to a different log); otherwise the earliest entry the failing evidence allows, with the range in <paramref name="Problem"/>.</param>
/// <param name="Problem">What was wrong, naming the entry or tree head; null when valid.</param>
/// <param name="Unsigned">Entries after the newest signed tree head (valid, but not yet committed to by a signature).</param>
/// <param name="NewestHead">The newest signed tree head that verified, or null.</param>
public sealed record LedgerVerification(bool IsValid, long Entries, int TreeHeads, long? FirstBadEntry, string? Problem, long Unsigned, SignedTreeHead? NewestHead = null);
