namespace Care.Epidemic.Exports;

/// <summary>
/// The content of a GAEN <c>export.bin</c>: a batch of diagnosis keys that arrived at the server
/// in a time window.
/// </summary>
/// <param name="StartUnixSeconds">Start of the arrival window, Unix seconds (UTC).</param>
/// <param name="EndUnixSeconds">End of the arrival window, Unix seconds (UTC), ≥ start.</param>
/// <param name="Region">Region the keys come from, e.g. a country code.</param>
/// <param name="BatchNum">Batch number, 1-based, ≤ <paramref name="BatchSize"/>.</param>
/// <param name="BatchSize">Number of batches of this window, ≥ 1.</param>
/// <param name="SignatureInfos">The keys that sign this file, newest first (at most 10).</param>
/// <param name="Keys">Keys released for the first time; no two share key data.</param>
/// <param name="RevisedKeys">Keys whose status changed (e.g. revoked).</param>
public sealed record KeyExport(
    ulong StartUnixSeconds,
    ulong EndUnixSeconds,
    string Region,
    int BatchNum,
    int BatchSize,
    IReadOnlyList<ExportSignatureInfo> SignatureInfos,
    IReadOnlyList<DiagnosisKey> Keys,
    IReadOnlyList<DiagnosisKey> RevisedKeys);
