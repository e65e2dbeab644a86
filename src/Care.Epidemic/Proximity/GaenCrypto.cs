using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Care.Epidemic.Proximity;

/// <summary>
/// The Exposure Notification Cryptography Specification v1.2, with .NET's own primitives:
/// RPIK and AEMK by HKDF-SHA256 (no salt, 16 bytes), rolling proximity identifiers by AES-128 of the
/// padded block <c>"EN-RPI" ‖ 0⁶ ‖ LE32(interval)</c>, associated encrypted metadata by AES-128-CTR
/// under AEMK with the RPI as the initial counter block. Thread-safe (no shared mutable state).
/// </summary>
public static class GaenCrypto
{
    /// <summary>Length of the Bluetooth metadata and of its encryption, in bytes.</summary>
    public const int MetadataSize = 4;

    internal static ReadOnlySpan<byte> RpikInfo => "EN-RPIK"u8;

    internal static ReadOnlySpan<byte> AemkInfo => "EN-AEMK"u8;

    private static ReadOnlySpan<byte> RpiPrefix => "EN-RPI"u8;

    /// <summary>Rolling proximity identifier key: <c>HKDF(TEK, salt = none, info = "EN-RPIK", L = 16)</c>.</summary>
    public static Block128 DeriveRpik(Block128 tek) => Derive(tek, RpikInfo);

    /// <summary>Associated encrypted metadata key: <c>HKDF(TEK, salt = none, info = "EN-AEMK", L = 16)</c>.</summary>
    public static Block128 DeriveAemk(Block128 tek) => Derive(tek, AemkInfo);

    /// <summary>The 16-byte padded data of interval <paramref name="interval"/>.</summary>
    public static void PaddedData(int interval, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Block128.Size);
        destination[..Block128.Size].Clear();
        RpiPrefix.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], interval);
    }

    /// <summary>The rolling proximity identifier of one interval (reference path: one AES call).</summary>
    public static Block128 RollingProximityIdentifier(Block128 rpik, int interval)
    {
        Span<byte> rpis = stackalloc byte[Block128.Size];
        using var aes = Aes.Create();
        Span<byte> key = stackalloc byte[Block128.Size];
        rpik.WriteTo(key);
        aes.SetKey(key);
        PaddedData(interval, rpis);
        aes.EncryptEcb(rpis, rpis, PaddingMode.None);
        return Block128.FromBytes(rpis);
    }

    /// <summary>
    /// The identifiers of <c>destination.Length</c> consecutive intervals from <paramref name="firstInterval"/>,
    /// encrypted in one batch (AES-NI when the processor has it, else .NET's AES in ECB mode). No allocation
    /// on the AES-NI path.
    /// </summary>
    public static void RollingProximityIdentifiers(Block128 rpik, int firstInterval, Span<Block128> destination) =>
        Aes128Batch.EncryptIntervals(rpik, firstInterval, destination);

    /// <summary>
    /// Encrypts (or, the same operation, decrypts) the 4-byte metadata with AES-128-CTR under
    /// <paramref name="aemk"/>, the RPI being the initial counter block.
    /// </summary>
    public static void CryptMetadata(Block128 aemk, Block128 rpi, ReadOnlySpan<byte> metadata, Span<byte> destination)
    {
        if (metadata.Length != MetadataSize)
        {
            throw new ArgumentException($"GAEN metadata is {MetadataSize} bytes, got {metadata.Length}", nameof(metadata));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MetadataSize);
        // CTR over a single partial block: keystream = AES(AEMK, RPI), XOR the first 4 bytes.
        Span<byte> keystream = stackalloc byte[Block128.Size];
        Span<byte> key = stackalloc byte[Block128.Size];
        aemk.WriteTo(key);
        rpi.WriteTo(keystream);
        using var aes = Aes.Create();
        aes.SetKey(key);
        aes.EncryptEcb(keystream, keystream, PaddingMode.None);
        for (var i = 0; i < MetadataSize; i++)
        {
            destination[i] = (byte)(metadata[i] ^ keystream[i]);
        }
    }

    private static Block128 Derive(Block128 tek, ReadOnlySpan<byte> info)
    {
        Span<byte> ikm = stackalloc byte[Block128.Size];
        Span<byte> okm = stackalloc byte[Block128.Size];
        tek.WriteTo(ikm);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, okm, salt: [], info);
        return Block128.FromBytes(okm);
    }
}
