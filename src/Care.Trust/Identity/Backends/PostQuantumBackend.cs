namespace Care.Trust.Identity.Backends;

/// <summary>
/// Where the post-quantum halves (ML-DSA-65, ML-KEM-768) are computed. The platform's own
/// implementation (.NET 10 <c>MLDsa</c>/<c>MLKem</c>, which needs OpenSSL 3.5+ or Windows CNG) is
/// preferred when it is present and passes a cross-check against BouncyCastle at start-up;
/// otherwise BouncyCastle is used. Both give identical keys from the same seeds and interoperable
/// signatures and ciphertexts, so the choice never changes what a key or a bundle looks like.
/// Set <c>CARE_TRUST_BACKEND=bouncycastle</c> to force BouncyCastle.
/// </summary>
internal abstract class PostQuantumBackend
{
    private static readonly Lazy<PostQuantumBackend> Selected = new(Select);

    /// <summary>The backend in use by this process.</summary>
    public static PostQuantumBackend Current => Selected.Value;

    /// <summary>Why the current backend was chosen (for diagnostics).</summary>
    public static string SelectionReason { get; private set; } = string.Empty;

    public abstract string Name { get; }

    /// <summary>An ML-DSA-65 private key from its 32-byte seed ξ.</summary>
    public abstract IMLDsaPrivateKey MLDsaFromSeed(byte[] seed);

    /// <summary>ML-DSA-65 verification (external, pure, empty context) of <paramref name="signature"/>.</summary>
    public abstract bool MLDsaVerify(byte[] publicKey, byte[] message, byte[] signature);

    /// <summary>An ML-KEM-768 decapsulation key from its 64-byte seed d ‖ z.</summary>
    public abstract IMLKemPrivateKey MLKemFromSeed(byte[] seed);

    /// <summary>Encapsulates to <paramref name="encapsulationKey"/>: the 1088-byte ciphertext and the 32-byte secret.</summary>
    public abstract (byte[] Ciphertext, byte[] Secret) MLKemEncapsulate(byte[] encapsulationKey);

    private static PostQuantumBackend Select()
    {
        var bouncyCastle = new BouncyCastleBackend();
        if (string.Equals(Environment.GetEnvironmentVariable("CARE_TRUST_BACKEND"), "bouncycastle", StringComparison.OrdinalIgnoreCase))
        {
            SelectionReason = "forced by CARE_TRUST_BACKEND=bouncycastle";
            return bouncyCastle;
        }
        if (!PlatformBackend.IsSupported)
        {
            SelectionReason = "the platform has no ML-DSA/ML-KEM (.NET needs OpenSSL 3.5+ or Windows CNG)";
            return bouncyCastle;
        }
        var platform = new PlatformBackend();
        if (CrossCheck(platform, bouncyCastle) is { } failure)
        {
            SelectionReason = $"the platform's ML-DSA/ML-KEM failed the cross-check ({failure})";
            return bouncyCastle;
        }
        SelectionReason = "the platform's ML-DSA/ML-KEM is present and agrees with BouncyCastle";
        return platform;
    }

    /// <summary>Null when <paramref name="candidate"/> agrees with <paramref name="reference"/> on keys, signatures and KEM.</summary>
    internal static string? CrossCheck(PostQuantumBackend candidate, PostQuantumBackend reference)
    {
        try
        {
            var dsaSeed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
            var kemSeed = Enumerable.Range(1, 64).Select(i => (byte)(i * 3)).ToArray();
            var message = "care cross-check"u8.ToArray();
            var a = candidate.MLDsaFromSeed(dsaSeed);
            var b = reference.MLDsaFromSeed(dsaSeed);
            if (!a.PublicKey.AsSpan().SequenceEqual(b.PublicKey))
            {
                return "ML-DSA public keys differ";
            }
            if (!reference.MLDsaVerify(b.PublicKey, message, a.Sign(message)) || !candidate.MLDsaVerify(a.PublicKey, message, b.Sign(message)))
            {
                return "ML-DSA signatures do not verify across implementations";
            }
            var kemA = candidate.MLKemFromSeed(kemSeed);
            var kemB = reference.MLKemFromSeed(kemSeed);
            if (!kemA.EncapsulationKey.AsSpan().SequenceEqual(kemB.EncapsulationKey))
            {
                return "ML-KEM encapsulation keys differ";
            }
            var (ciphertext, secret) = reference.MLKemEncapsulate(kemB.EncapsulationKey);
            var (ciphertext2, secret2) = candidate.MLKemEncapsulate(kemA.EncapsulationKey);
            if (!kemA.Decapsulate(ciphertext).AsSpan().SequenceEqual(secret) || !kemB.Decapsulate(ciphertext2).AsSpan().SequenceEqual(secret2))
            {
                return "ML-KEM shared secrets differ";
            }
            return null;
        }
#pragma warning disable CA1031 // Any failure of the candidate means: do not use it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
