using System.Buffers.Binary;
using Care.Core.Errors;

namespace Care.Core.Strips;

/// <summary>
/// The lossless binary form of an <see cref="EcgStrip"/> ("CES1"), small enough for a patch's
/// uplink: samples are predicted from the two before (second difference, the FLAC/Shorten fixed
/// order-2 predictor) and the residuals Rice-coded in blocks of 32 with the best parameter per
/// block; samples are first divided by their greatest common step (an ADC's LSB in µV, e.g. 5 µV
/// for MIT-BIH, so no bits are spent on it); beats are delta offsets with a class letter; a CRC-32
/// closes the strip. Layout, little endian: "CES1", rate u16, sample count u32, first sample i64,
/// beat count u16, step µV u16, beats (LEB128 delta, class byte), first value (zig-zag LEB128),
/// blocks (k byte, Rice bits padded to a byte), CRC-32 of everything before it. Stateless and
/// thread safe.
/// </summary>
public static class EcgStripCodec
{
    /// <summary>Most samples in a strip: 60 s at 1000 Hz.</summary>
    public const int MaxSamples = 60_000;

    /// <summary>Largest sample magnitude, µV (±8.4 V, far beyond any ECG front end).</summary>
    public const int MaxMicrovolts = (1 << 23) - 1;

    private const int HeaderBytes = 22;
    private const int Block = 32;
    private const int Escape = 32;       // a quotient this large is followed by the 32-bit residual itself
    private const int MaxK = 30;
    private static ReadOnlySpan<byte> Magic => "CES1"u8;

    /// <summary>Encodes <paramref name="strip"/>; throws <see cref="ArgumentException"/> when it breaks the limits above.</summary>
    public static byte[] Encode(EcgStrip strip)
    {
        ArgumentNullException.ThrowIfNull(strip);
        Check(strip);
        var output = new List<byte>(HeaderBytes + strip.Microvolts.Count + 3 * strip.Beats.Count + 16);
        Span<byte> header = stackalloc byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)strip.SamplingHz);
        BinaryPrimitives.WriteUInt32LittleEndian(header[6..], (uint)strip.Microvolts.Count);
        BinaryPrimitives.WriteInt64LittleEndian(header[10..], strip.FirstSample);
        BinaryPrimitives.WriteUInt16LittleEndian(header[18..], (ushort)strip.Beats.Count);
        var step = Step(strip.Microvolts);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], (ushort)step);
        output.AddRange(header);
        var previous = 0;
        foreach (var beat in strip.Beats)
        {
            WriteVarint(output, (uint)(beat.Offset - previous));
            output.Add((byte)beat.Class);
            previous = beat.Offset;
        }
        IReadOnlyList<int> x = step == 1 ? strip.Microvolts : [.. strip.Microvolts.Select(v => v / step)];
        if (x.Count > 0)
        {
            WriteVarint(output, ZigZag(x[0]));
            var residuals = new uint[Block];
            for (var start = 1; start < x.Count; start += Block)
            {
                var n = Math.Min(Block, x.Count - start);
                for (var i = 0; i < n; i++)
                {
                    residuals[i] = ZigZag(x[start + i] - Predict(x, start + i));
                }
                WriteBlock(output, residuals.AsSpan(0, n));
            }
        }
        var crc = Crc32.Of(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(output));
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(tail, crc);
        output.AddRange(tail);
        return [.. output];
    }

    /// <summary>
    /// Decodes a strip; malformed, truncated, oversized or corrupted input is rejected with an
    /// <see cref="InvalidInputException"/> naming <paramref name="where"/> and the byte offset.
    /// </summary>
    public static EcgStrip Decode(ReadOnlySpan<byte> data, string where = "strip")
    {
        var reader = new StripReader(data, where);
        return reader.Read();
    }

    /// <summary>The greatest common divisor of the samples, 1 to 65535 (1 when all are 0 or it is larger).</summary>
    internal static int Step(IReadOnlyList<int> x)
    {
        var g = 0;
        foreach (var v in x)
        {
            var a = Math.Abs(v);
            while (a != 0)
            {
                (g, a) = (a, g % a);
            }
            if (g == 1)
            {
                return 1;
            }
        }
        return g is 0 or > ushort.MaxValue ? 1 : g;
    }

    internal static int Predict(IReadOnlyList<int> x, int i) => i == 1 ? x[0] : 2 * x[i - 1] - x[i - 2];

    internal static uint ZigZag(int v) => (uint)((v << 1) ^ (v >> 31));

    internal static int UnZigZag(uint u) => (int)(u >> 1) ^ -(int)(u & 1);

    private static void Check(EcgStrip strip)
    {
        if (strip.SamplingHz is < 125 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(strip), strip.SamplingHz, "sampling rate must be 125–1000 Hz");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(strip.FirstSample);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(strip.Microvolts.Count, MaxSamples);
        if (strip.Beats.Count > Math.Min(ushort.MaxValue, strip.Microvolts.Count))
        {
            throw new ArgumentException("more beats than samples", nameof(strip));
        }
        foreach (var v in strip.Microvolts)
        {
            if (v is > MaxMicrovolts or < -MaxMicrovolts)
            {
                throw new ArgumentOutOfRangeException(nameof(strip), v, $"samples must lie within ±{MaxMicrovolts} µV");
            }
        }
        var previous = -1;
        foreach (var b in strip.Beats)
        {
            if (b.Offset <= previous || b.Offset >= strip.Microvolts.Count || !StripBeat.Classes.Contains(b.Class, StringComparison.Ordinal))
            {
                throw new ArgumentException($"beat at {b.Offset} ({b.Class}) is out of order, outside the strip or of an unknown class", nameof(strip));
            }
            previous = b.Offset;
        }
    }

    private static void WriteVarint(List<byte> output, uint value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }
        output.Add((byte)value);
    }

    private static void WriteBlock(List<byte> output, ReadOnlySpan<uint> residuals)
    {
        var best = 0;
        var bestBits = long.MaxValue;
        for (var k = 0; k <= MaxK; k++)
        {
            long bits = 0;
            foreach (var u in residuals)
            {
                var q = u >> k;
                bits += q >= Escape ? Escape + 32 : q + 1 + k;
            }
            if (bits < bestBits)
            {
                bestBits = bits;
                best = k;
            }
        }
        output.Add((byte)best);
        ulong acc = 0;
        var held = 0;
        void Put(ulong value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                acc = (acc << 1) | ((value >> i) & 1);
                if (++held == 8)
                {
                    output.Add((byte)acc);
                    acc = 0;
                    held = 0;
                }
            }
        }
        foreach (var u in residuals)
        {
            var q = u >> best;
            if (q >= Escape)
            {
                Put(uint.MaxValue, Escape);
                Put(u, 32);
            }
            else
            {
                Put((1UL << (int)q) - 1, (int)q);
                Put(0, 1);
                Put(u & ((1UL << best) - 1), best);
            }
        }
        if (held > 0)
        {
            output.Add((byte)(acc << (8 - held)));
        }
    }
}
