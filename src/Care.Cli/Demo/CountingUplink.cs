using Care.Core.Ids;
using Care.Kiosk.Exchange;
using Care.Trust.Identity;

namespace Care.Cli.Demo;

/// <summary>Passes every call through and counts Hermes's acknowledgements (thread-safe).</summary>
internal sealed class CountingUplink(IHermesUplink inner) : IHermesUplink
{
    private long _acknowledged;
    private long _observations;
    private long _alreadyStored;
    private long _unavailable;

    public HybridKemPublicKey RecipientKey => inner.RecipientKey;

    /// <summary>Uploads Hermes acknowledged.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Observations Hermes holds from the acknowledged bundles.</summary>
    public long ObservationsAcknowledged => Interlocked.Read(ref _observations);

    /// <summary>Acknowledgements of a bundle Hermes had stored before (a retry after a lost answer).</summary>
    public long AlreadyStored => Interlocked.Read(ref _alreadyStored);

    /// <summary>Upload attempts that found Hermes unavailable (each retried by the exchange).</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    public Task RegisterPatchAsync(PatchId patch, WearerId wearer, HybridVerificationKey identity, CancellationToken cancellationToken = default) =>
        inner.RegisterPatchAsync(patch, wearer, identity, cancellationToken);

    public Task RetirePatchAsync(PatchId patch, CancellationToken cancellationToken = default) =>
        inner.RetirePatchAsync(patch, cancellationToken);

    public async Task<UploadReceipt> UploadAsync(ReadOnlyMemory<byte> bundle, CancellationToken cancellationToken = default)
    {
        UploadReceipt receipt;
        try
        {
            receipt = await inner.UploadAsync(bundle, cancellationToken);
        }
        catch (UplinkUnavailableException)
        {
            Interlocked.Increment(ref _unavailable);
            throw;
        }
        Interlocked.Increment(ref _acknowledged);
        Interlocked.Add(ref _observations, receipt.ObservationsStored);
        if (receipt.AlreadyStored)
        {
            Interlocked.Increment(ref _alreadyStored);
        }
        return receipt;
    }
}
