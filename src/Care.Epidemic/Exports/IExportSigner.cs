namespace Care.Epidemic.Exports;

/// <summary>
/// Signs export files. Hermes holds two: ECDSA P-256 (what every GAEN client verifies) and its hybrid
/// post-quantum key (an adapter over Care.Trust), so a file carries one <c>TEKSignature</c> each.
/// Implementations must be thread-safe.
/// </summary>
public interface IExportSigner
{
    /// <summary>Which key this is, as written into the export and its signature.</summary>
    ExportSignatureInfo Info { get; }

    /// <summary>Signs <paramref name="data"/> (the whole <c>export.bin</c>, header included).</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}
