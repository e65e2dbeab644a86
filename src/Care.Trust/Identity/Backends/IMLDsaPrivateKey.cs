namespace Care.Trust.Identity.Backends;

/// <summary>An ML-DSA-65 private key held by a backend.</summary>
internal interface IMLDsaPrivateKey
{
    /// <summary>The 1952-byte public key.</summary>
    byte[] PublicKey { get; }

    /// <summary>A hedged ML-DSA-65 signature (external, pure, empty context) of <paramref name="message"/>.</summary>
    byte[] Sign(byte[] message);
}
