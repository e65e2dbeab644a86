using Care.Core.Ids;
using Care.Hermes.Ingest;
using Care.Hermes.Storage;
using Care.Kiosk.Exchange;
using Care.Trust.Identity;

namespace Care.Cli.Demo;

/// <summary>The demo's kiosk-to-Hermes link: the real registration and ingest paths, without a network between.</summary>
internal sealed class InProcessUplink(IHermesStore store, BundleIngestor ingestor, HybridKemPublicKey recipientKey, TimeProvider time) : IHermesUplink
{
    public HybridKemPublicKey RecipientKey => recipientKey;

    public Task RegisterPatchAsync(PatchId patch, WearerId wearer, HybridVerificationKey identity, CancellationToken cancellationToken = default) =>
        store.RegisterDeviceAsync(new DeviceEnrolment(patch.Value, HybridAlgorithms.Signature, identity.Export(), wearer, KioskId, "demo-kiosk", time.GetUtcNow()), cancellationToken);

    public async Task RetirePatchAsync(PatchId patch, CancellationToken cancellationToken = default)
    {
        if (!await store.EndDeviceAsync(patch.Value, DeviceEnd.Retired, "demo-kiosk", time.GetUtcNow(), cancellationToken))
        {
            throw new InvalidOperationException($"patch {patch} was never registered");
        }
    }

    /// <summary>The demo's one kiosk.</summary>
    public const string KioskId = "demo-kiosk";

    public async Task<UploadReceipt> UploadAsync(ReadOnlyMemory<byte> bundle, CancellationToken cancellationToken = default)
    {
        var result = await ingestor.IngestAsync(bundle, cancellationToken);
        return new UploadReceipt(result.BundleId, result.Status == IngestStatus.AlreadyStored, result.ObservationsStored);
    }
}
