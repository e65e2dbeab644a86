using System.Buffers.Binary;
using System.Text;

namespace Care.Patch.State;

/// <summary>
/// Reads the little-endian fields of a learned-state blob, refusing a truncated or out-of-range field
/// with its name and byte offset (<see cref="Base"/> + position). Allocates only for strings.
/// </summary>
internal ref struct StateReader(ReadOnlySpan<byte> data, long baseOffset)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public readonly long Base => baseOffset;

    public readonly int Position => _at;

    public readonly int Remaining => _data.Length - _at;

    public readonly long Offset => baseOffset + _at;

    public ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || Remaining < count)
        {
            throw Malformed($"truncated in {field}: needs {count} bytes, {Remaining} left");
        }
        var slice = _data.Slice(_at, count);
        _at += count;
        return slice;
    }

    public byte U8(string field) => Take(1, field)[0];

    public ushort U16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public uint U32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public int Count(string field)
    {
        var at = Offset;
        var value = BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));
        return value >= 0 ? value : throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, at, $"{field} is negative ({value})");
    }

    public long I64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    public double F64(string field) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, field));

    public DateTimeOffset Time(string field)
    {
        var at = Offset;
        var ticks = I64(field);
        return ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, at, $"{field} is not a time ({ticks} ticks)");
    }

    public DateTimeOffset? OptionalTime(string field)
    {
        var at = Offset;
        return U8(field) switch
        {
            0 => null,
            1 => Time(field),
            var flag => throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, at, $"{field} has presence flag {flag}, not 0 or 1"),
        };
    }

    public string Text(string field, int maxBytes)
    {
        var at = Offset;
        int length = U16(field);
        if (length > maxBytes)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, at, $"{field} is {length} bytes, more than {maxBytes}");
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(Take(length, field));
        }
        catch (DecoderFallbackException)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, at + 2, $"{field} is not UTF-8");
        }
    }

    public double[] Doubles(int count, string field)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = F64(field);
        }
        return values;
    }

    public DateTimeOffset[] Times(int count, string field)
    {
        var values = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Time(field);
        }
        return values;
    }

    public void Ring(int expected, string field)
    {
        var at = Offset;
        int length = U16(field);
        if (length != expected)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, at, $"{field} holds {length} slots, not {expected}");
        }
    }

    public readonly void End(string what)
    {
        if (Remaining != 0)
        {
            throw Malformed($"{Remaining} bytes follow the end of {what}");
        }
    }

    public readonly LearnedStateRefusedException Malformed(string message) => new(LearnedStateRefusal.Malformed, Offset, message);
}
