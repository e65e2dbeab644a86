namespace Care.Epidemic.Exports;

/// <summary>
/// An export archive as read: the parsed keys, the exact <c>export.bin</c> bytes the signatures
/// cover, and every <c>TEKSignature</c> of <c>export.sig</c>.
/// </summary>
/// <param name="Export">The parsed and validated content.</param>
/// <param name="ExportBinBytes">The whole <c>export.bin</c>, header included.</param>
/// <param name="Signatures">The signatures in file order.</param>
public sealed record SignedExport(KeyExport Export, ReadOnlyMemory<byte> ExportBinBytes, IReadOnlyList<ExportSignature> Signatures)
{
    /// <summary>
    /// True when the archive carries a signature by <paramref name="verifier"/>'s key (same key id,
    /// version and algorithm, same batch as the export) and it verifies over <c>export.bin</c>.
    /// </summary>
    public bool IsSignedBy(IExportVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        foreach (var s in Signatures)
        {
            if (s.Info == verifier.Info && s.BatchNum == Export.BatchNum && s.BatchSize == Export.BatchSize
                && verifier.Verify(ExportBinBytes.Span, s.Signature.Span))
            {
                return true;
            }
        }
        return false;
    }
}
