using Care.Hermes.Ingest;

namespace Care.Hermes.Cluster.Wearers;

/// <summary>
/// The wearer's grain: stores its uploads through this silo's <see cref="BundleIngestor"/>, one at a
/// time (Orleans runs a non-reentrant grain's calls in turn). It keeps no Orleans state: the wearer's
/// watermarks, NEWS2 tracker, model-risk state and suppression windows are read and written in the
/// same store transaction as the bundle (ADR 0019), so a silo that dies loses nothing acknowledged and
/// the grain's next activation, on any silo, continues from the committed state. The sepsis scorer
/// this silo caches is checked against that state and rebuilt when it is out of step.
/// </summary>
/// <param name="ingestor">This silo's ingestor (the one composition of <c>AddCareHermes</c>).</param>
public sealed class WearerGrain(BundleIngestor ingestor) : Grain, IWearerGrain
{
    /// <inheritdoc/>
    public async Task<WearerIngestReply> IngestAsync(WearerUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (!string.Equals(upload.Wearer, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"an upload for {upload.Wearer} reached the grain of {this.GetPrimaryKeyString()}");
        }
        try
        {
            return WearerIngestReply.Of(await ingestor.IngestOpenedAsync(upload.ToOpened()));
        }
        catch (Exception e) when (WearerIngestReply.Of(e) is { } failure)
        {
            return failure;
        }
    }
}
