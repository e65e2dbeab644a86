using Care.Trust.Identity;
using Care.Trust.Identity.Backends;

namespace Care.Trust.Tests.Identity;

public sealed class PostQuantumBackendTests
{
    [Fact]
    public void Backend_in_use_is_the_platform_exactly_when_the_platform_supports_ml_dsa_and_ml_kem_and_agrees()
    {
        var expected = HybridAlgorithms.PlatformPostQuantumSupported && Environment.GetEnvironmentVariable("CARE_TRUST_BACKEND") is null
            && PostQuantumBackend.CrossCheck(new PlatformBackend(), new BouncyCastleBackend()) is null
            ? new PlatformBackend().Name
            : new BouncyCastleBackend().Name;
        Assert.Equal(expected, HybridAlgorithms.PostQuantumBackend);
        Assert.False(string.IsNullOrEmpty(HybridAlgorithms.PostQuantumBackendReason));
    }

    [Fact]
    public void Platform_backend_agrees_with_bouncycastle_where_the_platform_has_it()
    {
        Assert.SkipUnless(PlatformBackend.IsSupported, "this platform's .NET has no ML-DSA/ML-KEM (needs OpenSSL 3.5+ or Windows CNG)");
        Assert.Null(PostQuantumBackend.CrossCheck(new PlatformBackend(), new BouncyCastleBackend()));
    }

    [Fact]
    public void Cross_check_accepts_an_agreeing_backend_and_names_what_a_faulty_one_got_wrong()
    {
        Assert.Null(PostQuantumBackend.CrossCheck(new BouncyCastleBackend(), new BouncyCastleBackend()));
        Assert.Equal("ML-DSA signatures do not verify across implementations", PostQuantumBackend.CrossCheck(new BrokenSignatures(), new BouncyCastleBackend()));
    }

    /// <summary>BouncyCastle with every signature's last byte flipped: keys agree, signatures do not.</summary>
    private sealed class BrokenSignatures : PostQuantumBackend
    {
        private readonly BouncyCastleBackend _inner = new();

        public override string Name => "broken";

        public override IMLDsaPrivateKey MLDsaFromSeed(byte[] seed) => new Flipping(_inner.MLDsaFromSeed(seed));

        public override bool MLDsaVerify(byte[] publicKey, byte[] message, byte[] signature) => _inner.MLDsaVerify(publicKey, message, signature);

        public override IMLKemPrivateKey MLKemFromSeed(byte[] seed) => _inner.MLKemFromSeed(seed);

        public override (byte[] Ciphertext, byte[] Secret) MLKemEncapsulate(byte[] encapsulationKey) => _inner.MLKemEncapsulate(encapsulationKey);

        private sealed class Flipping(IMLDsaPrivateKey inner) : IMLDsaPrivateKey
        {
            public byte[] PublicKey => inner.PublicKey;

            public byte[] Sign(byte[] message)
            {
                var signature = inner.Sign(message);
                signature[^1] ^= 1;
                return signature;
            }
        }
    }
}
