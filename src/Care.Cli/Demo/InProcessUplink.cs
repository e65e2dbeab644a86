using Care.Hermes.Ingest;
using Care.Kiosk.Exchange;

namespace Care.Cli.Demo;

/// <summary>The demo's kiosk-to-Hermes link: the real ingest path, without a network between.</summary>
internal sealed class InProcessUplink(BundleIngestor ingestor) : IHermesUplink
{
    public async Task<UploadReceipt> UploadAsync(ReadOnlyMemory<byte> bundle, CancellationToken cancellationToken = default)
    {
        var result = await ingestor.IngestAsync(bundle, cancellationToken);
        return new UploadReceipt(result.BundleId, result.Status == IngestStatus.AlreadyStored, result.ObservationsStored);
    }
}
