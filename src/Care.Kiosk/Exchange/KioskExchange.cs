using Care.Core.Ids;
using Care.Patch.Runtime;
using Care.Trust.Identity;

namespace Care.Kiosk.Exchange;

/// <summary>
/// The data part of a kiosk visit: seal the patch's outbox, upload it, and release the data
/// on the patch only after Hermes acknowledged it. Uploads that fail are retried with the
/// same bundle, which Hermes stores at most once. Each completed step is reported to
/// <paramref name="journal"/> (the kiosk's durable log in the field). Thread safe per patch.
/// </summary>
public sealed class KioskExchange(IHermesUplink uplink, TimeProvider time, Action<Guid, ExchangeStep>? journal = null)
{
    /// <summary>Most upload attempts before the exchange gives up (the data stays on the patch).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// Prepares a fresh patch for a wearer: a new hybrid identity generated on the patch, registered
    /// with Hermes for that wearer before the patch goes on the body, and Hermes's key to seal bundles for.
    /// </summary>
    public Task<WearablePatch> IssuePatchAsync(PatchId id, WearerId wearer, CancellationToken cancellationToken = default) =>
        IssuePatchAsync(id, wearer, HybridSigningKey.Generate(), cancellationToken);

    /// <summary>
    /// As the other overload, with the identity <paramref name="key"/> the patch generated (the caller
    /// also hands it to the patch's <c>PatchStateKeeper</c>, which signs the learned state with it).
    /// </summary>
    public async Task<WearablePatch> IssuePatchAsync(PatchId id, WearerId wearer, HybridSigningKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await uplink.RegisterPatchAsync(id, wearer, key.PublicKey, cancellationToken);
        return new WearablePatch(id, wearer, new PatchCredentials(key, uplink.RecipientKey));
    }

    /// <summary>
    /// Retires a patch that came off the body, after an exchange whose data Hermes acknowledged
    /// (<see cref="RunAsync"/> returned): Hermes refuses its bundles from then on, so a patch that
    /// left the body cannot write into the record again.
    /// </summary>
    public Task RetirePatchAsync(WearablePatch patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return uplink.RetirePatchAsync(patch.Id, cancellationToken);
    }

    /// <summary>Runs an exchange with <paramref name="patch"/>.</summary>
    /// <exception cref="UplinkUnavailableException">Hermes did not answer after <see cref="MaxAttempts"/> tries; nothing was lost.</exception>
    public async Task<ExchangeReport> RunAsync(WearablePatch patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var upload = patch.Seal(time.GetUtcNow());
        var bundle = upload.Bundle;
        journal?.Invoke(bundle.BundleId, ExchangeStep.Identified);
        byte[] encoded = upload.Bytes;
        journal?.Invoke(bundle.BundleId, ExchangeStep.Sealed);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var receipt = await uplink.UploadAsync(encoded, cancellationToken);
                if (receipt.BundleId != bundle.BundleId)
                {
                    throw new InvalidOperationException($"Hermes acknowledged bundle {receipt.BundleId}, not {bundle.BundleId}");
                }
                journal?.Invoke(bundle.BundleId, ExchangeStep.Acknowledged);
                patch.Acknowledge(bundle.BundleId);
                journal?.Invoke(bundle.BundleId, ExchangeStep.Released);
                return new ExchangeReport(bundle.BundleId, bundle.Observations.Count, attempt, receipt.AlreadyStored);
            }
            catch (UplinkUnavailableException) when (attempt < MaxAttempts)
            {
                // Safe to retry: the same bundle id makes a second store a no-op.
            }
        }
    }
}
