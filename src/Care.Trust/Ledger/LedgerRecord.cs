namespace Care.Trust.Ledger;

/// <summary>An entry as stored: its position, kind, wearer (if any), canonical bytes and leaf hash.</summary>
/// <param name="Index">0-based position in the log.</param>
/// <param name="Kind">The entry kind, e.g. <c>CartridgeFilled</c>.</param>
/// <param name="Wearer">The wearer it concerns, or null.</param>
/// <param name="Data">The canonical JSON bytes (the Merkle leaf).</param>
/// <param name="LeafHash">SHA-256(0x00 || Data) as stored.</param>
public sealed record LedgerRecord(long Index, string Kind, string? Wearer, byte[] Data, byte[] LeafHash);
