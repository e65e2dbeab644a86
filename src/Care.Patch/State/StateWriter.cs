using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Care.Patch.State;

/// <summary>Writes the little-endian fields <see cref="StateReader"/> reads.</summary>
internal sealed class StateWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void Bytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void U8(byte value) => _buffer.Write([value]);

    public void U16(int value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, ushort.MaxValue);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), (ushort)value);
        _buffer.Advance(2);
    }

    public void U32(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), (uint)value);
        _buffer.Advance(4);
    }

    public void I32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void I64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void F64(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Time(DateTimeOffset value) => I64(value.UtcTicks);

    public void OptionalTime(DateTimeOffset? value)
    {
        U8(value is null ? (byte)0 : (byte)1);
        if (value is { } v)
        {
            Time(v);
        }
    }

    public void Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        U16(bytes.Length);
        Bytes(bytes);
    }

    public void Doubles(IReadOnlyList<double> values)
    {
        foreach (var v in values)
        {
            F64(v);
        }
    }

    public void Times(IReadOnlyList<DateTimeOffset> values)
    {
        foreach (var v in values)
        {
            Time(v);
        }
    }
}
