namespace Care.Hermes.Exposure;

/// <summary>One published export file, as the index lists it.</summary>
/// <param name="Id">Hermes's id, increasing with publication.</param>
/// <param name="Region">Region of its keys.</param>
/// <param name="StartUnixSeconds">Start of its window, Unix seconds.</param>
/// <param name="EndUnixSeconds">End of its window, Unix seconds.</param>
/// <param name="KeyCount">Keys in it.</param>
/// <param name="Sha256">SHA-256 of the zip, lower-case hex (as in its <c>DiagnosisKeysPublished</c> ledger entry).</param>
/// <param name="PublishedAt">When it was published.</param>
public sealed record ExportSummary(long Id, string Region, long StartUnixSeconds, long EndUnixSeconds, int KeyCount, string Sha256, DateTimeOffset PublishedAt);
