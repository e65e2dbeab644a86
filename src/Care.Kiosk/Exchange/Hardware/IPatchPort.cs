using Care.Core.Ids;
using Care.Trust.Identity;

namespace Care.Kiosk.Exchange.Hardware;

/// <summary>
/// The kiosk's reader/writer for patches in its bay. Reading is repeatable: a patch offers the very
/// same sealed bytes until it is wiped. Writes carry an idempotency key: repeated with the same key,
/// they do nothing more.
/// </summary>
public interface IPatchPort
{
    /// <summary>The sealed bundle <paramref name="patch"/> offers now (everything it holds).</summary>
    byte[] ReadSealedBundle(PatchId patch);

    /// <summary>Loads an approved model file onto <paramref name="patch"/>.</summary>
    void LoadModel(PatchId patch, ReadOnlySpan<byte> modelFile, string idempotencyKey);

    /// <summary>The public key-establishment key <paramref name="patch"/> (a new patch in the bay) receives the wearer's learned state under.</summary>
    HybridKemPublicKey ReadStateKey(PatchId patch);

    /// <summary>
    /// The learned-state blob (<c>Care.Patch.State.LearnedStateBlob</c>) the old <paramref name="patch"/>
    /// seals and signs for the holder of <paramref name="recipient"/>. Repeatable until the patch is
    /// wiped: the same state and sequence each time (the encryption is fresh).
    /// </summary>
    byte[] ReadLearnedState(PatchId patch, HybridKemPublicKey recipient);

    /// <summary>
    /// Loads a learned-state blob onto the new <paramref name="patch"/>, which checks it again
    /// against <paramref name="fromPatch"/>'s registered <paramref name="fromKey"/> and throws
    /// <c>LearnedStateRefusedException</c> when it refuses it. Repeated with the same key, does nothing more.
    /// </summary>
    void LoadLearnedState(PatchId patch, ReadOnlySpan<byte> blob, PatchId fromPatch, HybridVerificationKey fromKey, string idempotencyKey);

    /// <summary>
    /// Wipes <paramref name="patch"/>'s data after Hermes acknowledged <paramref name="bundleId"/>
    /// (the bundle it sealed); the kiosk calls it only with a receipt in its journal.
    /// </summary>
    void Wipe(PatchId patch, Guid bundleId, string idempotencyKey);
}
