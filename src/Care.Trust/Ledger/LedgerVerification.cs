namespace Care.Trust.Ledger;

/// <summary>The result of <see cref="LedgerVerifier.Verify"/>.</summary>
/// <param name="IsValid">True when every entry and every signed tree head checks.</param>
/// <param name="Entries">Entries read.</param>
/// <param name="TreeHeads">Signed tree heads checked.</param>
/// <param name="FirstBadEntry">The first entry found bad (or the first entry of the range a failing tree head covers), or null.</param>
/// <param name="Problem">What was wrong, naming the entry or tree head; null when valid.</param>
/// <param name="Unsigned">Entries after the last signed tree head (valid, but not yet committed to by a signature).</param>
public sealed record LedgerVerification(bool IsValid, long Entries, int TreeHeads, long? FirstBadEntry, string? Problem, long Unsigned);
