using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// Collects an entry's fields and writes them as canonical JSON: one object, keys in ordinal
/// order, no whitespace, strings escaped by <see cref="Utf8JsonWriter"/>'s default encoder, numbers
/// in shortest round-trip form, times as UTC ISO 8601 with milliseconds. The same entry always gives
/// the same bytes. Each setter validates its value and throws <see cref="ArgumentException"/> naming the field.
/// </summary>
public sealed class CanonicalFields
{
    private readonly List<KeyValuePair<string, object>> _fields = new(16);

    /// <summary>A non-empty text field (at most 1024 characters).</summary>
    public void Text(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 1024)
        {
            throw new ArgumentException($"ledger field '{name}' must be 1–1024 characters, got '{value}'", name);
        }
        Add(name, value);
    }

    /// <summary>A SHA-256 digest as 64 lower-case hex characters.</summary>
    public void Sha256(string name, string hex)
    {
        if (hex is null || hex.Length != 64 || !hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new ArgumentException($"ledger field '{name}' must be a SHA-256 digest in 64 lower-case hex characters, got '{hex}'", name);
        }
        Add(name, hex);
    }

    /// <summary>A finite number; NaN and infinities are refused.</summary>
    public void Number(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"ledger field '{name}' must be a finite number, got {value}", name);
        }
        Add(name, value);
    }

    /// <summary>An integer.</summary>
    public void Integer(string name, long value) => Add(name, value);

    /// <summary>An instant, written in UTC to the millisecond.</summary>
    public void Time(string name, DateTimeOffset value) =>
        Add(name, value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>The canonical UTF-8 JSON bytes of the fields collected so far.</summary>
    public byte[] ToCanonicalJson()
    {
        _fields.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in _fields)
            {
                switch (value)
                {
                    case string s:
                        writer.WriteString(name, s);
                        break;
                    case long l:
                        writer.WriteNumber(name, l);
                        break;
                    case double d:
                        writer.WriteNumber(name, d);
                        break;
                    default:
                        throw new InvalidOperationException($"unexpected ledger field type {value.GetType().Name}");
                }
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void Add(string name, object value)
    {
        foreach (var field in _fields)
        {
            if (field.Key == name)
            {
                throw new ArgumentException($"ledger field '{name}' is set twice", name);
            }
        }
        _fields.Add(new(name, value));
    }
}
