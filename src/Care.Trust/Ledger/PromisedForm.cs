using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Care.Core.Errors;
using Care.Trust.Ledger.Entries;

namespace Care.Trust.Ledger;

/// <summary>
/// Moves an entry between its promised form (<see cref="LedgerEntry.ToPromisedJson"/>: canonical
/// bytes without <c>index</c> and <c>prevRoot</c>) and its place in the log
/// (<see cref="LedgerEntry.ToCanonicalJson"/>), on the bytes alone: the sequencer places pending
/// entries without knowing their kinds, and anyone holding a <see cref="SignedPromise"/> strips an
/// included entry back to the bytes the promise signed. Canonical entries are flat JSON objects
/// without whitespace and with keys in ordinal order, so both are a merge of raw
/// <c>"name":value</c> slices; <c>Place(e.ToPromisedJson(), i, r)</c> equals
/// <c>e.ToCanonicalJson(i, r)</c> byte for byte. Stateless, thread safe.
/// </summary>
public static class PromisedForm
{
    private static readonly byte[] IndexName = "index"u8.ToArray();
    private static readonly byte[] PreviousRootName = Encoding.ASCII.GetBytes(LedgerEntry.PreviousRootField);

    /// <summary>
    /// The canonical bytes of the promised entry <paramref name="promised"/> at log position
    /// <paramref name="index"/>, committing to <paramref name="previousRoot"/> (32 bytes; empty for
    /// none). Throws <see cref="InvalidInputException"/> naming the byte offset when the bytes are
    /// not a flat canonical object or already hold <c>index</c> or <c>prevRoot</c>.
    /// </summary>
    public static byte[] Place(ReadOnlySpan<byte> promised, long index, ReadOnlySpan<byte> previousRoot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (!previousRoot.IsEmpty && previousRoot.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"a previous root is {MerkleHash.Size} bytes, got {previousRoot.Length}", nameof(previousRoot));
        }
        var fields = Fields(promised);
        var added = new List<(byte[] Name, byte[] Property)>(2)
        {
            (IndexName, Encoding.ASCII.GetBytes($"\"index\":{index.ToString(CultureInfo.InvariantCulture)}")),
        };
        if (!previousRoot.IsEmpty)
        {
            added.Add((PreviousRootName, Encoding.ASCII.GetBytes($"\"{LedgerEntry.PreviousRootField}\":\"{Convert.ToHexStringLower(previousRoot)}\"")));
        }
        var output = new ArrayBufferWriter<byte>(promised.Length + 96);
        output.Write("{"u8);
        int next = 0;
        bool first = true;
        void Write(ReadOnlySpan<byte> property)
        {
            if (!first)
            {
                output.Write(","u8);
            }
            output.Write(property);
            first = false;
        }
        foreach (var (nameStart, nameLength, start, length) in fields)
        {
            var name = promised.Slice(nameStart, nameLength);
            if (name.SequenceEqual(IndexName) || name.SequenceEqual(PreviousRootName))
            {
                throw Bad(nameStart, $"field '{Encoding.UTF8.GetString(name)}' is the sequencer's to set; a promised entry must not hold it");
            }
            while (next < added.Count && name.SequenceCompareTo(added[next].Name) > 0)
            {
                Write(added[next++].Property);
            }
            Write(promised.Slice(start, length));
        }
        while (next < added.Count)
        {
            Write(added[next++].Property);
        }
        output.Write("}"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The promised form of the canonical entry <paramref name="canonical"/>: the same bytes without
    /// <c>index</c> and <c>prevRoot</c>. Throws <see cref="InvalidInputException"/> naming the byte
    /// offset when the bytes are not a flat canonical object.
    /// </summary>
    public static byte[] Strip(ReadOnlySpan<byte> canonical)
    {
        var output = new ArrayBufferWriter<byte>(canonical.Length);
        output.Write("{"u8);
        bool first = true;
        foreach (var (nameStart, nameLength, start, length) in Fields(canonical))
        {
            var name = canonical.Slice(nameStart, nameLength);
            if (name.SequenceEqual(IndexName) || name.SequenceEqual(PreviousRootName))
            {
                continue;
            }
            if (!first)
            {
                output.Write(","u8);
            }
            output.Write(canonical.Slice(start, length));
            first = false;
        }
        output.Write("}"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The properties of a flat canonical object: where each name's characters are and where its
    /// whole <c>"name":value</c> slice is. Refuses nesting, whitespace, keys out of order or repeated,
    /// trailing bytes, and malformed JSON, naming the byte offset.
    /// </summary>
    private static List<(int NameStart, int NameLength, int Start, int Length)> Fields(ReadOnlySpan<byte> data)
    {
        var fields = new List<(int, int, int, int)>(16);
        var reader = new Utf8JsonReader(data);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || reader.TokenStartIndex != 0)
            {
                throw Bad(0, "a ledger entry is one JSON object");
            }
            ReadOnlySpan<byte> previous = default;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                int start = checked((int)reader.TokenStartIndex);
                if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || data[start] != (byte)'"')
                {
                    throw Bad(start, "expected a plain property name");
                }
                var name = reader.ValueSpan;
                int nameStart = start + 1;
                if (fields.Count > 0 && previous.SequenceCompareTo(name) >= 0)
                {
                    throw Bad(start, $"key '{Encoding.UTF8.GetString(name)}' is repeated or out of canonical (ordinal) order");
                }
                previous = data.Slice(nameStart, name.Length);
                if (fields.Count > 0 && data[start - 1] != (byte)',')
                {
                    throw Bad(start, "canonical entries hold no whitespace");
                }
                if (!reader.Read() || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    throw Bad(start, $"field '{Encoding.UTF8.GetString(name)}' must hold a single value (entries are flat)");
                }
                int end = checked((int)reader.BytesConsumed);
                if (reader.TokenStartIndex != nameStart + name.Length + 2)
                {
                    throw Bad(start, "canonical entries hold no whitespace");
                }
                fields.Add((nameStart, name.Length, start, end - start));
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.BytesConsumed != data.Length)
            {
                throw Bad(checked((int)reader.BytesConsumed), "the object must end the entry (truncated, or bytes after it)");
            }
        }
        catch (JsonException e)
        {
            throw Bad(checked((int)(e.BytePositionInLine ?? 0)), $"malformed JSON: {e.Message}");
        }
        return fields;
    }

    private static InvalidInputException Bad(int offset, string problem) => new($"ledger entry at byte {offset}", problem);
}
