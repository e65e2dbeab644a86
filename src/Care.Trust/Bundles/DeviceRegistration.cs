using Care.Trust.Identity;

namespace Care.Trust.Bundles;

/// <summary>A device's registered identity.</summary>
/// <param name="DeviceId">The device's identifier (1–128 characters).</param>
/// <param name="PublicKey">Its hybrid Ed25519 + ML-DSA-65 public key.</param>
/// <param name="Revoked">True once revoked: its bundles are refused from then on.</param>
public sealed record DeviceRegistration(string DeviceId, HybridVerificationKey PublicKey, bool Revoked);
