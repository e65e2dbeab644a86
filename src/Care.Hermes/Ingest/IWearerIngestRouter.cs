namespace Care.Hermes.Ingest;

/// <summary>
/// Hands an opened upload to the owner of its wearer's ingest order. Without one (a single process),
/// <see cref="BundleIngestor"/> stores it itself; a cluster routes it to the wearer's grain, which calls
/// <see cref="BundleIngestor.IngestOpenedAsync"/> on its node. Implementations must be thread safe and
/// surface the same exceptions as <see cref="BundleIngestor.IngestOpenedAsync"/>.
/// </summary>
public interface IWearerIngestRouter
{
    /// <summary>Stores <paramref name="upload"/> under its wearer's owner; the answer or exception of <see cref="BundleIngestor.IngestOpenedAsync"/>.</summary>
    Task<IngestResult> IngestAsync(OpenedUpload upload, CancellationToken cancellationToken = default);
}
