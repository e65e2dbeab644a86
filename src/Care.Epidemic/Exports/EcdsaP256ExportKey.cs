using System.Security.Cryptography;

namespace Care.Epidemic.Exports;

/// <summary>
/// ECDSA P-256 with SHA-256 over the whole <c>export.bin</c>, signature in X9.62 DER (GAEN
/// "Exposure Key Export File Format and Verification"). Signs when built from a private key,
/// verifies always. Thread-safe: .NET's <see cref="ECDsa"/> one-shot calls are.
/// </summary>
public sealed class EcdsaP256ExportKey : IExportSigner, IExportVerifier, IDisposable
{
    private readonly ECDsa _key;
    private readonly bool _canSign;

    private EcdsaP256ExportKey(ECDsa key, bool canSign, ExportSignatureInfo info)
    {
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new ArgumentException($"GAEN export keys are P-256; this key has {key.KeySize} bits", nameof(key));
        }
        _key = key;
        _canSign = canSign;
        Info = info;
    }

    /// <inheritdoc />
    public ExportSignatureInfo Info { get; }

    /// <summary>A fresh signing key.</summary>
    public static EcdsaP256ExportKey Create(string keyId, string keyVersion) =>
        new(ECDsa.Create(ECCurve.NamedCurves.nistP256), canSign: true, new ExportSignatureInfo(keyVersion, keyId, ExportSignatureInfo.EcdsaP256Sha256));

    /// <summary>A verifying key from a SubjectPublicKeyInfo PEM; throws <see cref="ArgumentException"/> when it is not one.</summary>
    public static EcdsaP256ExportKey FromPublicKeyPem(string pem, string keyId, string keyVersion)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new ArgumentException($"not an EC public key in PEM form: {e.Message}", nameof(pem));
        }
        return new EcdsaP256ExportKey(key, canSign: false, new ExportSignatureInfo(keyVersion, keyId, ExportSignatureInfo.EcdsaP256Sha256));
    }

    /// <summary>Length of <see cref="ExportPrivateKey"/>'s output: the P-256 scalar d, then the public point's x and y, 32 bytes each.</summary>
    public const int PrivateKeyBytes = 96;

    /// <summary>A signing key from <see cref="ExportPrivateKey"/>'s 96 bytes; throws <see cref="ArgumentException"/> when they are not a P-256 key pair.</summary>
    public static EcdsaP256ExportKey FromPrivateKey(ReadOnlySpan<byte> dxy, string keyId, string keyVersion)
    {
        if (dxy.Length != PrivateKeyBytes)
        {
            throw new ArgumentException($"a P-256 private key is {PrivateKeyBytes} bytes (d, x, y), not {dxy.Length}", nameof(dxy));
        }
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = dxy[..32].ToArray(),
            Q = new ECPoint { X = dxy[32..64].ToArray(), Y = dxy[64..].ToArray() },
        };
        ECDsa key;
        try
        {
            key = ECDsa.Create(parameters);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"not a P-256 key pair: {e.Message}", nameof(dxy));
        }
        return new EcdsaP256ExportKey(key, canSign: true, new ExportSignatureInfo(keyVersion, keyId, ExportSignatureInfo.EcdsaP256Sha256));
    }

    /// <summary>The private key as d ‖ x ‖ y (96 bytes) for a key file; throws when this key holds only a public key.</summary>
    public byte[] ExportPrivateKey()
    {
        if (!_canSign)
        {
            throw new InvalidOperationException("this export key holds only a public key");
        }
        var p = _key.ExportParameters(includePrivateParameters: true);
        return [.. p.D!, .. p.Q.X!, .. p.Q.Y!];
    }

    /// <summary>The public key as SubjectPublicKeyInfo PEM (for clients).</summary>
    public string PublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (!_canSign)
        {
            throw new InvalidOperationException("this export key holds only a public key and cannot sign");
        }
        return _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
