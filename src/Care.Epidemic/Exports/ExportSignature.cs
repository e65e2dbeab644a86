namespace Care.Epidemic.Exports;

/// <summary>One signature of an export archive (GAEN <c>TEKSignature</c>).</summary>
/// <param name="Info">The signing key.</param>
/// <param name="BatchNum">Batch number, 1-based, equal to the export's.</param>
/// <param name="BatchSize">Batch count, equal to the export's.</param>
/// <param name="Signature">The signature bytes over the whole <c>export.bin</c> (X9.62 DER for ECDSA).</param>
public sealed record ExportSignature(ExportSignatureInfo Info, int BatchNum, int BatchSize, ReadOnlyMemory<byte> Signature);
