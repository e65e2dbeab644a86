using System.Buffers.Binary;
using Care.Core.Errors;

namespace Care.Core.Strips;

/// <summary>Reads one "CES1" strip, checking every field against its limits before using it.</summary>
internal ref struct StripReader
{
    private const int HeaderBytes = 22;
    private const int Block = 32;
    private const int Escape = 32;
    private const int MaxK = 30;

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _where;
    private readonly int _end;
    private int _at;

    public StripReader(ReadOnlySpan<byte> data, string where)
    {
        _data = data;
        _where = where;
        _end = data.Length - 4;
        _at = 0;
    }

    public EcgStrip Read()
    {
        if (_data.Length < HeaderBytes + 4)
        {
            throw Fail(_data.Length, $"truncated: {_data.Length} bytes, a strip has at least {HeaderBytes + 4}");
        }
        if (!_data[..4].SequenceEqual("CES1"u8))
        {
            throw Fail(0, "not an ECG strip (expected the signature CES1)");
        }
        int rate = BinaryPrimitives.ReadUInt16LittleEndian(_data[4..]);
        if (rate is < 125 or > 1000)
        {
            throw Fail(4, $"sampling rate {rate} Hz is outside 125–1000 Hz");
        }
        var count = BinaryPrimitives.ReadUInt32LittleEndian(_data[6..]);
        if (count > EcgStripCodec.MaxSamples)
        {
            throw Fail(6, $"{count} samples exceed the limit of {EcgStripCodec.MaxSamples}");
        }
        var first = BinaryPrimitives.ReadInt64LittleEndian(_data[10..]);
        if (first < 0)
        {
            throw Fail(10, "negative first sample");
        }
        int beatCount = BinaryPrimitives.ReadUInt16LittleEndian(_data[18..]);
        if (beatCount > count)
        {
            throw Fail(18, $"{beatCount} beats in {count} samples");
        }
        int step = BinaryPrimitives.ReadUInt16LittleEndian(_data[20..]);
        if (step == 0)
        {
            throw Fail(20, "sample step of 0 µV");
        }
        _at = HeaderBytes;
        var beats = new StripBeat[beatCount];
        var offset = 0L;
        for (var b = 0; b < beatCount; b++)
        {
            var at = _at;
            var delta = Varint();
            if (b > 0 && delta == 0)
            {
                throw Fail(at, $"beat {b} repeats the offset of the one before");
            }
            offset += delta;
            if (offset >= count)
            {
                throw Fail(at, $"beat {b} at sample {offset} is outside the strip's {count} samples");
            }
            var cls = (char)Byte();
            if (!StripBeat.Classes.Contains(cls, StringComparison.Ordinal))
            {
                throw Fail(_at - 1, $"beat {b} has unknown class byte 0x{(int)cls:X2} (expected one of {StripBeat.Classes})");
            }
            beats[b] = new StripBeat((int)offset, cls);
        }
        var x = new int[count];
        if (count > 0)
        {
            x[0] = Sample(EcgStripCodec.UnZigZag(Varint()), _at, step);
            for (var start = 1; start < count; start += Block)
            {
                ReadBlock(x, start, Math.Min(Block, (int)count - start), step);
            }
            if (step > 1)
            {
                for (var i = 0; i < x.Length; i++)
                {
                    x[i] *= step;
                }
            }
        }
        if (_at != _end)
        {
            throw Fail(_at, $"{_end - _at} unexpected bytes after the samples");
        }
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(_data[_end..]);
        if (stored != Crc32.Of(_data[.._end]))
        {
            throw Fail(_end, "checksum mismatch: the strip was altered or damaged");
        }
        return new EcgStrip(rate, first, x, beats);
    }

    private void ReadBlock(int[] x, int start, int n, int step)
    {
        var blockAt = _at;
        int k = Byte();
        if (k > MaxK)
        {
            throw Fail(blockAt, $"Rice parameter {k} above {MaxK}");
        }
        var bit = 0;
        for (var i = 0; i < n; i++)
        {
            uint q = 0;
            while (q < Escape && Bit(ref bit) == 1)
            {
                q++;
            }
            uint u;
            if (q == Escape)
            {
                u = (uint)Bits(ref bit, 32);
            }
            else
            {
                u = (q << k) | (uint)Bits(ref bit, k);
            }
            var p = start + i;
            var predicted = p == 1 ? (long)x[0] : 2L * x[p - 1] - x[p - 2];
            x[p] = Sample(predicted + EcgStripCodec.UnZigZag(u), _at, step);
        }
        if (bit > 0)
        {
            _at++;
        }
    }

    // Values in steps; the decoded µV (value × step) must stay within the limit.
    private int Sample(long value, int at, int step) =>
        value * step is > EcgStripCodec.MaxMicrovolts or < -EcgStripCodec.MaxMicrovolts
            ? throw Fail(at, $"decoded sample {value * step} µV is beyond ±{EcgStripCodec.MaxMicrovolts} µV")
            : (int)value;

    private int Bit(ref int bit)
    {
        if (_at >= _end)
        {
            throw Fail(_at, "truncated inside the samples");
        }
        var value = (_data[_at] >> (7 - bit)) & 1;
        if (++bit == 8)
        {
            bit = 0;
            _at++;
        }
        return value;
    }

    private ulong Bits(ref int bit, int count)
    {
        ulong value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value << 1) | (uint)Bit(ref bit);
        }
        return value;
    }

    private byte Byte() => _at < _end ? _data[_at++] : throw Fail(_at, "truncated");

    private uint Varint()
    {
        var start = _at;
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Byte();
            if (shift == 28 && b > 0x0F)
            {
                throw Fail(start, "number too large");
            }
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw Fail(start, "number too large");
    }

    private readonly InvalidInputException Fail(int offset, string problem) => new($"{_where} @ byte {offset}", problem);
}
