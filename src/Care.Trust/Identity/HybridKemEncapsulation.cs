namespace Care.Trust.Identity;

/// <summary>The result of <see cref="HybridKemPublicKey.Encapsulate"/>.</summary>
/// <param name="Ciphertext">What the recipient needs: ephemeral X25519 key then ML-KEM-768 ciphertext.</param>
/// <param name="SharedKey">The 32-byte derived key (secret; use as an AES-256-GCM key once).</param>
public sealed record HybridKemEncapsulation(byte[] Ciphertext, byte[] SharedKey);
