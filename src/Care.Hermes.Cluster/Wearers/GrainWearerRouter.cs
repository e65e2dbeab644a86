using Care.Hermes.Ingest;

namespace Care.Hermes.Cluster.Wearers;

/// <summary>Routes each opened upload to its wearer's grain (<see cref="IWearerGrain"/>), wherever in the cluster it is active. Thread safe.</summary>
/// <param name="grains">The silo's grain factory.</param>
public sealed class GrainWearerRouter(IGrainFactory grains) : IWearerIngestRouter
{
    /// <inheritdoc/>
    public async Task<IngestResult> IngestAsync(OpenedUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var reply = await grains.GetGrain<IWearerGrain>(upload.Wearer.Value).IngestAsync(WearerUpload.From(upload)).WaitAsync(cancellationToken);
        return reply.ResultOrThrow();
    }
}
