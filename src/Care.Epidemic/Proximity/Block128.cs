using System.Buffers.Binary;
using System.Globalization;

namespace Care.Epidemic.Proximity;

/// <summary>
/// A 16-byte value (a temporary exposure key, a derived AES key or a rolling proximity
/// identifier) held as two little-endian 64-bit halves, so it hashes and compares without
/// allocation. Byte order: <see cref="Lo"/> holds bytes 0–7, <see cref="Hi"/> bytes 8–15.
/// </summary>
/// <param name="Lo">Bytes 0–7, little-endian.</param>
/// <param name="Hi">Bytes 8–15, little-endian.</param>
public readonly record struct Block128(ulong Lo, ulong Hi)
{
    /// <summary>Length in bytes.</summary>
    public const int Size = 16;

    /// <summary>Reads 16 bytes; throws <see cref="ArgumentException"/> when the span is not exactly 16 bytes long.</summary>
    public static Block128 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a 128-bit value needs exactly 16 bytes, got {bytes.Length}", nameof(bytes));
        }
        return new Block128(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
    }

    /// <summary>Parses 32 hexadecimal digits; throws <see cref="FormatException"/> naming the problem otherwise.</summary>
    public static Block128 FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 2 * Size)
        {
            throw new FormatException($"a 128-bit value needs 32 hex digits, got {hex.Length} characters");
        }
        return FromBytes(Convert.FromHexString(hex));
    }

    /// <summary>Writes the 16 bytes to <paramref name="destination"/> (at least 16 bytes long).</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Lo);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Hi);
    }

    /// <summary>The 16 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Lower-case hexadecimal, 32 digits.</summary>
    public string ToHex() => Convert.ToHexStringLower(ToArray());

    /// <inheritdoc />
    public override string ToString() => ToHex().ToString(CultureInfo.InvariantCulture);
}
