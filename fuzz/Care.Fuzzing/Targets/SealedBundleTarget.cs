using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Care.Core.Errors;
using Care.Fuzzing.Engine;
using Care.Trust.Bundles;
using Care.Trust.Identity;

namespace Care.Fuzzing.Targets;

/// <summary>
/// <see cref="BundleOpener.Open"/> on sealed bundles from a registered device. Mutations of the bytes
/// alone stop at the signature check, so one input in <see cref="ResignEvery"/> whose layout still
/// parses is re-signed with the device's key first: that reaches the header, recipient, sequence, KEM
/// and AEAD checks as a device that signs hostile content would. Refusal:
/// <see cref="BundleRejectedException"/> (and <see cref="InvalidInputException"/>).
/// </summary>
internal sealed class SealedBundleTarget : IFuzzTarget
{
    private const int ResignEvery = 8;
    private static readonly byte[] DigestLabel = Encoding.ASCII.GetBytes("care.sealed-bundle.v1\0");

    private readonly HybridSigningKey _device;
    private readonly HybridKemPrivateKey _recipient;
    private readonly DeviceRegistry _devices = new();
    private long _runs;

    public SealedBundleTarget()
    {
        // Fixed seeds: the same keys every run, so findings reproduce.
        _device = HybridSigningKey.FromSeeds(Enumerable.Range(0, HybridSigningKey.SeedBytes).Select(i => (byte)(i * 7 + 1)).ToArray());
        _recipient = HybridKemPrivateKey.FromSeeds(Enumerable.Range(0, HybridKemPrivateKey.SeedBytes).Select(i => (byte)(i * 13 + 5)).ToArray());
        _devices.Register("patch-1", HybridAlgorithms.Signature, _device.PublicKey.Export());
        var at = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
        Seeds =
        [
            BundleSealer.Seal(Encoding.UTF8.GetBytes(BundleReaderTarget.Example), "patch-1", 7, _device, _recipient.PublicKey, at),
            BundleSealer.Seal([], "patch-1", 0, _device, _recipient.PublicKey, at),
            BundleSealer.Seal([1, 2, 3], "patch-2", 1, _device, _recipient.PublicKey, at),
        ];
    }

    public string Name => "sealed-bundle";

    public IReadOnlyList<byte[]> Seeds { get; }

    public IReadOnlyList<byte[]> Dictionary { get; } = Tokens.Ascii(
        "CARESB1\0", "\"deviceId\":", "\"sequence\":", "\"sealedAt\":", "\"recipient\":", "\"sig\":", "\"none\"", "\"ed25519\"",
        "9223372036854775807", "-9223372036854775808", "253402300800000", "-62135596800001", "\"patch-1\"", "[]", "null", "1.5");

    public void Run(byte[] input)
    {
        if (++_runs % ResignEvery == 0)
        {
            input = Resign(input) ?? input;
        }
        new BundleOpener(_recipient, _devices, new SequenceTracker()).Open(input);
    }

    public bool IsExpected(Exception exception) => exception is BundleRejectedException or InvalidInputException;

    /// <summary>Re-signs <paramref name="bundle"/> when its length fields still describe a layout; null otherwise.</summary>
    private byte[]? Resign(byte[] bundle)
    {
        const int KemBytes = 1120, NonceBytes = 12, TagBytes = 16;
        if (bundle.Length < 10)
        {
            return null;
        }
        long at = 10 + BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(8)) + KemBytes + NonceBytes;
        if (at + 4 > bundle.Length)
        {
            return null;
        }
        var signedLength = at + 4 + BinaryPrimitives.ReadUInt32BigEndian(bundle.AsSpan((int)at)) + TagBytes;
        if (signedLength > bundle.Length)
        {
            return null;
        }
        var message = new byte[DigestLabel.Length + SHA512.HashSizeInBytes];
        DigestLabel.CopyTo(message, 0);
        SHA512.HashData(bundle.AsSpan(0, (int)signedLength), message.AsSpan(DigestLabel.Length));
        var signature = _device.Sign(message);
        var result = new byte[signedLength + 2 + signature.Length];
        bundle.AsSpan(0, (int)signedLength).CopyTo(result);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan((int)signedLength), (ushort)signature.Length);
        signature.CopyTo(result, signedLength + 2);
        return result;
    }
}
