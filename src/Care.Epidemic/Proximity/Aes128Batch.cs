using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using AesNi = System.Runtime.Intrinsics.X86.Aes;
using Sse2 = System.Runtime.Intrinsics.X86.Sse2;

namespace Care.Epidemic.Proximity;

/// <summary>
/// Batched AES-128 of GAEN padded blocks. With AES-NI (x86 <c>AESENC</c>) the key schedule and eight
/// blocks in flight stay in registers: no allocation, no per-call cipher object. Without it, one
/// .NET <see cref="Aes"/> ECB call per batch. Both paths are tested against each other and against
/// the v1.2 vectors.
/// </summary>
internal static class Aes128Batch
{
    /// <summary>Bytes 0–7 of every padded block: "EN-RPI" then two zero bytes, as a little-endian word.</summary>
    private const ulong PrefixLo = 0x0000_4950_522D_4E45UL;

    /// <summary>True when the AES-NI path runs.</summary>
    public static bool IsHardwareAccelerated => AesNi.IsSupported && Sse2.IsSupported;

    public static void EncryptIntervals(Block128 key, int firstInterval, Span<Block128> destination)
    {
        if (IsHardwareAccelerated)
        {
            EncryptIntervalsNi(key, firstInterval, destination);
        }
        else
        {
            EncryptIntervalsManaged(key, firstInterval, destination);
        }
    }

    /// <summary>The portable path (.NET <see cref="Aes"/>, ECB, no padding); also the reference in tests.</summary>
    internal static void EncryptIntervalsManaged(Block128 key, int firstInterval, Span<Block128> destination)
    {
        var bytes = destination.Length * Block128.Size;
        var buffer = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            var span = buffer.AsSpan(0, bytes);
            for (var i = 0; i < destination.Length; i++)
            {
                GaenCrypto.PaddedData(unchecked(firstInterval + i), span.Slice(i * Block128.Size, Block128.Size));
            }
            Span<byte> keyBytes = stackalloc byte[Block128.Size];
            key.WriteTo(keyBytes);
            using var aes = Aes.Create();
            aes.SetKey(keyBytes);
            aes.EncryptEcb(span, span, PaddingMode.None);
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = Block128.FromBytes(span.Slice(i * Block128.Size, Block128.Size));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The AES-NI path. Caller checks <see cref="IsHardwareAccelerated"/>.</summary>
    internal static void EncryptIntervalsNi(Block128 key, int firstInterval, Span<Block128> destination)
    {
        var schedule = new KeySchedule();
        Expand(Vector128.Create(key.Lo, key.Hi).AsByte(), ref schedule);
        var i = 0;
        for (; i + 8 <= destination.Length; i += 8)
        {
            var b0 = Block(firstInterval + i);
            var b1 = Block(firstInterval + i + 1);
            var b2 = Block(firstInterval + i + 2);
            var b3 = Block(firstInterval + i + 3);
            var b4 = Block(firstInterval + i + 4);
            var b5 = Block(firstInterval + i + 5);
            var b6 = Block(firstInterval + i + 6);
            var b7 = Block(firstInterval + i + 7);
            var k = schedule[0];
            b0 ^= k; b1 ^= k; b2 ^= k; b3 ^= k; b4 ^= k; b5 ^= k; b6 ^= k; b7 ^= k;
            for (var r = 1; r < 10; r++)
            {
                k = schedule[r];
                b0 = AesNi.Encrypt(b0, k); b1 = AesNi.Encrypt(b1, k); b2 = AesNi.Encrypt(b2, k); b3 = AesNi.Encrypt(b3, k);
                b4 = AesNi.Encrypt(b4, k); b5 = AesNi.Encrypt(b5, k); b6 = AesNi.Encrypt(b6, k); b7 = AesNi.Encrypt(b7, k);
            }
            k = schedule[10];
            destination[i] = ToBlock(AesNi.EncryptLast(b0, k));
            destination[i + 1] = ToBlock(AesNi.EncryptLast(b1, k));
            destination[i + 2] = ToBlock(AesNi.EncryptLast(b2, k));
            destination[i + 3] = ToBlock(AesNi.EncryptLast(b3, k));
            destination[i + 4] = ToBlock(AesNi.EncryptLast(b4, k));
            destination[i + 5] = ToBlock(AesNi.EncryptLast(b5, k));
            destination[i + 6] = ToBlock(AesNi.EncryptLast(b6, k));
            destination[i + 7] = ToBlock(AesNi.EncryptLast(b7, k));
        }
        for (; i < destination.Length; i++)
        {
            var b = Block(firstInterval + i) ^ schedule[0];
            for (var r = 1; r < 10; r++)
            {
                b = AesNi.Encrypt(b, schedule[r]);
            }
            destination[i] = ToBlock(AesNi.EncryptLast(b, schedule[10]));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Block(int interval) =>
        Vector128.Create(PrefixLo, (ulong)(uint)interval << 32).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Block128 ToBlock(Vector128<byte> v)
    {
        var words = v.AsUInt64();
        return new Block128(words.GetElement(0), words.GetElement(1));
    }

    // FIPS-197 §5.2 key expansion for AES-128 with AESKEYGENASSIST (Intel AES-NI white paper, fig. 19).
    private static void Expand(Vector128<byte> key, ref KeySchedule schedule)
    {
        schedule[0] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x01)); schedule[1] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x02)); schedule[2] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x04)); schedule[3] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x08)); schedule[4] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x10)); schedule[5] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x20)); schedule[6] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x40)); schedule[7] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x80)); schedule[8] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x1B)); schedule[9] = key;
        key = Step(key, AesNi.KeygenAssist(key, 0x36)); schedule[10] = key;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Step(Vector128<byte> key, Vector128<byte> assist)
    {
        assist = Sse2.Shuffle(assist.AsInt32(), 0xFF).AsByte();
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        return key ^ assist;
    }

    [InlineArray(11)]
    private struct KeySchedule
    {
        private Vector128<byte> _round;
    }
}
