namespace Care.Kiosk.Exposure;

/// <summary>One row of Hermes's export index.</summary>
/// <param name="Id">The export's id.</param>
/// <param name="Sha256">SHA-256 of its zip, lower-case hex (as in its <c>DiagnosisKeysPublished</c> ledger entry).</param>
/// <param name="KeyCount">Keys in it.</param>
public sealed record ExportListing(long Id, string Sha256, int KeyCount);
