using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace Care.Trust.Tests.Identity;

/// <summary>
/// A random source that hands out the given bytes and then fails, to drive BouncyCastle's ML-KEM
/// encapsulation with the ACVP randomness m (FIPS 203 ML-KEM.Encaps_internal).
/// </summary>
internal sealed class FixedRandom(byte[] bytes) : IRandomGenerator
{
    private int _offset;

    public static SecureRandom Of(byte[] bytes) => new(new FixedRandom(bytes), 0);

    public void AddSeedMaterial(byte[] seed) { }

    public void AddSeedMaterial(ReadOnlySpan<byte> seed) { }

    public void AddSeedMaterial(long seed) { }

    public void NextBytes(byte[] bytes) => NextBytes(bytes.AsSpan());

    public void NextBytes(byte[] bytes, int start, int len) => NextBytes(bytes.AsSpan(start, len));

    public void NextBytes(Span<byte> bytes)
    {
        if (_offset + bytes.Length > _bytes.Length)
        {
            throw new InvalidOperationException($"fixed randomness exhausted: {bytes.Length} more bytes asked, {_bytes.Length - _offset} left");
        }
        _bytes.AsSpan(_offset, bytes.Length).CopyTo(bytes);
        _offset += bytes.Length;
    }

    private readonly byte[] _bytes = bytes;
}
