namespace Care.Trust.Identity;

/// <summary>
/// Names and sizes of Care's hybrid algorithms. A hybrid signature is Ed25519 (RFC 8032) plus
/// ML-DSA-65 (FIPS 204) and is valid only when both parts verify; hybrid key establishment is
/// X25519 (RFC 7748) plus ML-KEM-768 (FIPS 203), combined with HKDF-SHA256 (RFC 5869).
/// </summary>
public static class HybridAlgorithms
{
    /// <summary>The signature algorithm name carried in bundles, device registrations and tree heads.</summary>
    public const string Signature = "hybrid-ed25519-mldsa65";

    /// <summary>The key-establishment algorithm name carried in sealed bundles.</summary>
    public const string KeyEstablishment = "hybrid-x25519-mlkem768-hkdfsha256-aes256gcm";

    /// <summary>Ed25519 public key size in bytes (RFC 8032).</summary>
    public const int Ed25519PublicKeyBytes = 32;

    /// <summary>Ed25519 signature size in bytes (RFC 8032).</summary>
    public const int Ed25519SignatureBytes = 64;

    /// <summary>ML-DSA-65 public key size in bytes (FIPS 204 table 2).</summary>
    public const int MLDsa65PublicKeyBytes = 1952;

    /// <summary>ML-DSA-65 signature size in bytes (FIPS 204 table 2).</summary>
    public const int MLDsa65SignatureBytes = 3309;

    /// <summary>X25519 public key size in bytes (RFC 7748).</summary>
    public const int X25519PublicKeyBytes = 32;

    /// <summary>ML-KEM-768 encapsulation key size in bytes (FIPS 203 table 3).</summary>
    public const int MLKem768PublicKeyBytes = 1184;

    /// <summary>ML-KEM-768 ciphertext size in bytes (FIPS 203 table 3).</summary>
    public const int MLKem768CiphertextBytes = 1088;

    /// <summary>Size of an encoded <see cref="HybridVerificationKey"/>: Ed25519 key then ML-DSA-65 key.</summary>
    public const int VerificationKeyBytes = Ed25519PublicKeyBytes + MLDsa65PublicKeyBytes;

    /// <summary>Size of a hybrid signature: Ed25519 signature then ML-DSA-65 signature.</summary>
    public const int SignatureBytes = Ed25519SignatureBytes + MLDsa65SignatureBytes;

    /// <summary>Size of an encoded <see cref="HybridKemPublicKey"/>: X25519 key then ML-KEM-768 key.</summary>
    public const int KemPublicKeyBytes = X25519PublicKeyBytes + MLKem768PublicKeyBytes;

    /// <summary>Size of a hybrid KEM ciphertext: ephemeral X25519 key then ML-KEM-768 ciphertext.</summary>
    public const int KemCiphertextBytes = X25519PublicKeyBytes + MLKem768CiphertextBytes;

    /// <summary>Size of the derived shared key in bytes (an AES-256 key).</summary>
    public const int SharedKeyBytes = 32;

    /// <summary>
    /// True when the .NET runtime itself offers ML-DSA and ML-KEM (it needs OpenSSL 3.5 or later,
    /// or Windows CNG). When it does, and it agrees with BouncyCastle on a start-up cross-check, it
    /// computes the post-quantum halves; see <see cref="PostQuantumBackend"/>.
    /// </summary>
    public static bool PlatformPostQuantumSupported =>
#pragma warning disable SYSLIB5006 // ML-DSA/ML-KEM types are marked experimental in .NET 10; only the support flags are read.
        System.Security.Cryptography.MLDsa.IsSupported && System.Security.Cryptography.MLKem.IsSupported;
#pragma warning restore SYSLIB5006

    /// <summary>The implementation computing ML-DSA-65 and ML-KEM-768 in this process (the platform's or BouncyCastle).</summary>
    public static string PostQuantumBackend => Backends.PostQuantumBackend.Current.Name;

    /// <summary>Why <see cref="PostQuantumBackend"/> was chosen.</summary>
    public static string PostQuantumBackendReason
    {
        get
        {
            _ = Backends.PostQuantumBackend.Current;
            return Backends.PostQuantumBackend.SelectionReason;
        }
    }
}
