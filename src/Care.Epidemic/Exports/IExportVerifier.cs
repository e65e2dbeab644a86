namespace Care.Epidemic.Exports;

/// <summary>
/// Verifies export signatures made by one known key (matched by key id, version and algorithm).
/// Implementations must be thread-safe.
/// </summary>
public interface IExportVerifier
{
    /// <summary>The key this verifier knows.</summary>
    ExportSignatureInfo Info { get; }

    /// <summary>True when <paramref name="signature"/> is this key's valid signature of <paramref name="data"/>.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
