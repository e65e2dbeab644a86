using Care.Core.Ids;
using Care.Trust.Identity;

namespace Care.Kiosk.Exchange;

/// <summary>The kiosk's connection to Hermes: over HTTP in the field, in-process in the demo.</summary>
public interface IHermesUplink
{
    /// <summary>Hermes's public key-establishment key, which patches encrypt their bundles for.</summary>
    HybridKemPublicKey RecipientKey { get; }

    /// <summary>
    /// Registers a new patch's hybrid identity with Hermes for one wearer, before it goes on that
    /// wearer: Hermes then accepts its bundles for that wearer's record only.
    /// </summary>
    Task RegisterPatchAsync(PatchId patch, WearerId wearer, HybridVerificationKey identity, CancellationToken cancellationToken = default);

    /// <summary>Retires a patch that came off the body at a swap, once Hermes acknowledged its data: its later bundles are refused.</summary>
    Task RetirePatchAsync(PatchId patch, CancellationToken cancellationToken = default);

    /// <summary>Uploads one sealed bundle and waits for Hermes's acknowledgement.</summary>
    /// <exception cref="UplinkUnavailableException">Hermes could not be reached; retrying is safe.</exception>
    Task<UploadReceipt> UploadAsync(ReadOnlyMemory<byte> bundle, CancellationToken cancellationToken = default);
}
