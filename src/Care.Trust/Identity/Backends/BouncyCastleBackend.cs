using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Care.Trust.Identity.Backends;

/// <summary>ML-DSA-65 and ML-KEM-768 from BouncyCastle.Cryptography (validated against NIST ACVP).</summary>
internal sealed class BouncyCastleBackend : PostQuantumBackend
{
    public override string Name => "BouncyCastle.Cryptography";

    public override IMLDsaPrivateKey MLDsaFromSeed(byte[] seed) => new DsaKey(MLDsaPrivateKeyParameters.FromSeed(MLDsaParameters.ml_dsa_65, seed));

    public override bool MLDsaVerify(byte[] publicKey, byte[] message, byte[] signature)
    {
        var verifier = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        verifier.Init(false, MLDsaPublicKeyParameters.FromEncoding(MLDsaParameters.ml_dsa_65, publicKey));
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature);
    }

    public override IMLKemPrivateKey MLKemFromSeed(byte[] seed) => new KemKey(MLKemPrivateKeyParameters.FromSeed(MLKemParameters.ml_kem_768, seed));

    public override (byte[] Ciphertext, byte[] Secret) MLKemEncapsulate(byte[] encapsulationKey)
    {
        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new ParametersWithRandom(MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, encapsulationKey), TrustRandom.Shared));
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var secret = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, secret);
        return (ciphertext, secret);
    }

    private sealed class DsaKey(MLDsaPrivateKeyParameters key) : IMLDsaPrivateKey
    {
        public byte[] PublicKey { get; } = key.GetPublicKeyEncoded();

        public byte[] Sign(byte[] message)
        {
            var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
            signer.Init(true, new ParametersWithRandom(key, TrustRandom.Shared));
            signer.BlockUpdate(message);
            return signer.GenerateSignature();
        }
    }

    private sealed class KemKey(MLKemPrivateKeyParameters key) : IMLKemPrivateKey
    {
        public byte[] EncapsulationKey { get; } = key.GetPublicKeyEncoded();

        public byte[] Decapsulate(ReadOnlySpan<byte> ciphertext)
        {
            var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
            decapsulator.Init(key);
            var secret = new byte[decapsulator.SecretLength];
            decapsulator.Decapsulate(ciphertext, secret);
            return secret;
        }
    }
}
