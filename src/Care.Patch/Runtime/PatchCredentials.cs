using Care.Trust.Identity;

namespace Care.Patch.Runtime;

/// <summary>
/// What a patch needs to seal its uploads: its own hybrid signing key (Ed25519 + ML-DSA-65,
/// registered with Hermes as the patch's identity) and Hermes's public key-establishment key
/// (X25519 + ML-KEM-768) that bundles are encrypted for.
/// </summary>
/// <param name="DeviceKey">The patch's private signing key; never leaves the patch.</param>
/// <param name="Hermes">The recipient's public key.</param>
public sealed record PatchCredentials(HybridSigningKey DeviceKey, HybridKemPublicKey Hermes);
