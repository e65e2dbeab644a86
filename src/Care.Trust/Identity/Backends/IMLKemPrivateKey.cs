namespace Care.Trust.Identity.Backends;

/// <summary>An ML-KEM-768 decapsulation key held by a backend.</summary>
internal interface IMLKemPrivateKey
{
    /// <summary>The 1184-byte encapsulation key.</summary>
    byte[] EncapsulationKey { get; }

    /// <summary>The 32-byte shared secret of <paramref name="ciphertext"/> (implicit rejection for a modified one).</summary>
    byte[] Decapsulate(ReadOnlySpan<byte> ciphertext);
}
