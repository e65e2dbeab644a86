using Care.Core.Ids;

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

    /// <summary>
    /// Wipes <paramref name="patch"/>'s data after Hermes acknowledged <paramref name="bundleId"/>
    /// (the bundle it sealed); the kiosk calls it only with a receipt in its journal.
    /// </summary>
    void Wipe(PatchId patch, Guid bundleId, string idempotencyKey);
}
