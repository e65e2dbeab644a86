using Care.Core.Bundles;

namespace Care.Hermes.Storage;

/// <summary>
/// Reads back every stored bundle as it is stored now, rebuilt from its rows (observations, doses,
/// events): what <see cref="Ledger.ContentAudit"/> hashes against the ledger's <c>BundleAccepted</c>
/// entries. Read-only; a backend implements it over its own tables.
/// </summary>
public interface IStoredContentReader
{
    /// <summary>Every stored bundle, rebuilt from its rows, with any row that contradicts its bundle (another wearer's key) reported in <see cref="StoredContent.Problem"/>.</summary>
    IAsyncEnumerable<StoredContent> ReadBundlesAsync(CancellationToken cancellationToken = default);
}

/// <summary>One stored bundle rebuilt from its rows.</summary>
/// <param name="Bundle">The bundle as its rows give it.</param>
/// <param name="Problem">A contradiction found in its rows (e.g. a row filed under another wearer), or null.</param>
public sealed record StoredContent(Bundle Bundle, string? Problem);
