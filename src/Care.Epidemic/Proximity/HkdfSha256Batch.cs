using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Care.Epidemic.Proximity;

/// <summary>
/// GAEN key derivation, <c>HKDF-SHA256(TEK, salt = none, info, L = 16)</c> (RFC 5869), for eight keys at
/// once: one SHA-256 per 32-bit lane of <see cref="Vector256{T}"/> (FIPS 180-4), so a published key costs
/// six compressions shared eight ways instead of an OpenSSL HMAC context per call. The zero salt's inner
/// and outer HMAC pads are compressed once, at type load. Used only for matching; the reference path is
/// .NET's <c>HKDF.DeriveKey</c> (<see cref="GaenCrypto.DeriveRpik"/>), and tests check this one against it.
/// No allocation; thread-safe (no shared mutable state).
/// </summary>
internal static class HkdfSha256Batch
{
    /// <summary>Keys per call.</summary>
    public const int Lanes = 8;

    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] Iv = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    // SHA-256 state after the 64-byte block (zero key ⊕ ipad) and (zero key ⊕ opad): HMAC with the empty salt.
    private static readonly uint[] ZeroKeyInner = Midstate(0x36363636);
    private static readonly uint[] ZeroKeyOuter = Midstate(0x5c5c5c5c);

    /// <summary>True when the vector path is hardware-accelerated (else callers use .NET's HKDF per key).</summary>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Derives 16-byte keys for <see cref="Lanes"/> input keys. <paramref name="info"/> is at most 55 bytes
    /// (GAEN uses 7: "EN-RPIK", "EN-AEMK").
    /// </summary>
    public static void Derive(ReadOnlySpan<Block128> keys, ReadOnlySpan<byte> info, Span<Block128> destination)
    {
        if (keys.Length != Lanes || destination.Length < Lanes)
        {
            throw new ArgumentException($"HKDF batch takes exactly {Lanes} keys and room for {Lanes} results");
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(info.Length, 55, nameof(info));
        Span<Vector256<uint>> state = stackalloc Vector256<uint>[8];
        Span<Vector256<uint>> block = stackalloc Vector256<uint>[16];
        Span<Vector256<uint>> prk = stackalloc Vector256<uint>[8];
        Span<Vector256<uint>> inner = stackalloc Vector256<uint>[8];

        // Extract, inner: (0 ⊕ ipad) ‖ TEK, 80 bytes.
        Broadcast(ZeroKeyInner, state);
        block.Clear();
        for (var word = 0; word < 4; word++)
        {
            block[word] = TekWord(keys, word);
        }
        block[4] = Vector256.Create(0x80000000u);
        block[15] = Vector256.Create((64u + 16) * 8);
        Compress(state, block);
        state.CopyTo(inner);

        // Extract, outer: (0 ⊕ opad) ‖ inner digest, 96 bytes → PRK.
        Broadcast(ZeroKeyOuter, state);
        DigestBlock(inner, block, 64 + 32);
        Compress(state, block);
        state.CopyTo(prk);

        // Expand, T(1) = HMAC(PRK, info ‖ 0x01): inner.
        Broadcast(Iv, state);
        PadBlock(prk, 0x36363636, block);
        Compress(state, block);
        InfoBlock(info, block);
        Compress(state, block);
        state.CopyTo(inner);

        // Expand, outer.
        Broadcast(Iv, state);
        PadBlock(prk, 0x5c5c5c5c, block);
        Compress(state, block);
        DigestBlock(inner, block, 64 + 32);
        Compress(state, block);

        for (var lane = 0; lane < Lanes; lane++)
        {
            var lo = BinaryPrimitives.ReverseEndianness(state[0].GetElement(lane)) | ((ulong)BinaryPrimitives.ReverseEndianness(state[1].GetElement(lane)) << 32);
            var hi = BinaryPrimitives.ReverseEndianness(state[2].GetElement(lane)) | ((ulong)BinaryPrimitives.ReverseEndianness(state[3].GetElement(lane)) << 32);
            destination[lane] = new Block128(lo, hi);
        }
    }

    // Big-endian 32-bit word `word` (0–3) of each lane's 16-byte key.
    private static Vector256<uint> TekWord(ReadOnlySpan<Block128> keys, int word)
    {
        Span<uint> w = stackalloc uint[Lanes];
        for (var lane = 0; lane < Lanes; lane++)
        {
            var half = word < 2 ? keys[lane].Lo : keys[lane].Hi;
            w[lane] = BinaryPrimitives.ReverseEndianness((uint)(half >> (32 * (word & 1))));
        }
        return Vector256.Create<uint>(w);
    }

    private static void Broadcast(uint[] words, Span<Vector256<uint>> state)
    {
        for (var i = 0; i < 8; i++)
        {
            state[i] = Vector256.Create(words[i]);
        }
    }

    private static void DigestBlock(ReadOnlySpan<Vector256<uint>> digest, Span<Vector256<uint>> block, uint totalBytes)
    {
        block.Clear();
        digest.CopyTo(block);
        block[8] = Vector256.Create(0x80000000u);
        block[15] = Vector256.Create(totalBytes * 8);
    }

    private static void PadBlock(ReadOnlySpan<Vector256<uint>> key, uint pad, Span<Vector256<uint>> block)
    {
        var p = Vector256.Create(pad);
        for (var i = 0; i < 8; i++)
        {
            block[i] = key[i] ^ p;
            block[i + 8] = p;
        }
    }

    private static void InfoBlock(ReadOnlySpan<byte> info, Span<Vector256<uint>> block)
    {
        Span<byte> bytes = stackalloc byte[64];
        bytes.Clear();
        info.CopyTo(bytes);
        bytes[info.Length] = 0x01;
        bytes[info.Length + 1] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(bytes[56..], (ulong)(64 + info.Length + 1) * 8);
        for (var i = 0; i < 16; i++)
        {
            block[i] = Vector256.Create(BinaryPrimitives.ReadUInt32BigEndian(bytes[(4 * i)..]));
        }
    }

    private static uint[] Midstate(uint pad)
    {
        Span<Vector256<uint>> state = stackalloc Vector256<uint>[8];
        Span<Vector256<uint>> block = stackalloc Vector256<uint>[16];
        Broadcast(Iv, state);
        block.Fill(Vector256.Create(pad));
        Compress(state, block);
        var words = new uint[8];
        for (var i = 0; i < 8; i++)
        {
            words[i] = state[i].GetElement(0);
        }
        return words;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Ror(Vector256<uint> x, int n) => Vector256.ShiftRightLogical(x, n) | Vector256.ShiftLeft(x, 32 - n);

    // One SHA-256 compression per lane (FIPS 180-4 §6.2.2); `block` is overwritten by the schedule.
    private static void Compress(Span<Vector256<uint>> state, Span<Vector256<uint>> w)
    {
        Vector256<uint> a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        var k = K;
        for (var t = 0; t < 64; t++)
        {
            Vector256<uint> wt;
            if (t < 16)
            {
                wt = w[t];
            }
            else
            {
                var w15 = w[(t - 15) & 15];
                var w2 = w[(t - 2) & 15];
                var s0 = Ror(w15, 7) ^ Ror(w15, 18) ^ Vector256.ShiftRightLogical(w15, 3);
                var s1 = Ror(w2, 17) ^ Ror(w2, 19) ^ Vector256.ShiftRightLogical(w2, 10);
                wt = w[t & 15] + s0 + w[(t - 7) & 15] + s1;
                w[t & 15] = wt;
            }
            var t1 = h + (Ror(e, 6) ^ Ror(e, 11) ^ Ror(e, 25)) + ((e & f) ^ Vector256.AndNot(g, e)) + Vector256.Create(k[t]) + wt;
            var t2 = (Ror(a, 2) ^ Ror(a, 13) ^ Ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
