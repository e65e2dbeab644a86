using System.Text;

namespace Care.Fuzzing.Engine;

/// <summary>
/// Seeded byte-level mutations in the style of libFuzzer's default mutators: bit flips, random and
/// "interesting" bytes, ASCII-number rewrites, insertion, deletion, duplication, dictionary tokens,
/// splicing with another corpus input and truncation. Deterministic for a given seed; not thread safe.
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> dictionary, int maxLength)
{
    private static readonly byte[] Interesting = [0, 1, 0x7F, 0x80, 0xFF, (byte)'0', (byte)'9', (byte)'-', (byte)' ', (byte)'\n', (byte)'\r', (byte)'"', (byte)'|', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)'.', (byte)'e'];

    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "255", "256", "65535", "65536", "2147483647", "2147483648", "-2147483649",
        "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e308", "-1e300",
        "1e-320", "NaN", "Infinity", "-0", "0.5", "99999999999999999999999",
    ];

    /// <summary>Returns a mutated copy of <paramref name="parent"/>; <paramref name="other"/> is a splice partner.</summary>
    public byte[] Mutate(byte[] parent, byte[] other)
    {
        var data = new List<byte>(parent);
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            MutateOnce(data, other);
        }
        if (data.Count > maxLength)
        {
            data.RemoveRange(maxLength, data.Count - maxLength);
        }
        return [.. data];
    }

    private void MutateOnce(List<byte> data, byte[] other)
    {
        var op = random.Next(12);
        if (data.Count == 0 && op < 9)
        {
            op = 9;
        }
        switch (op)
        {
            case 0:
                data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                data[random.Next(data.Count)] = (byte)random.Next(256);
                break;
            case 2:
                data[random.Next(data.Count)] = Interesting[random.Next(Interesting.Length)];
                break;
            case 3:
                data.RemoveRange(random.Next(data.Count), 1);
                break;
            case 4:
            {
                var at = random.Next(data.Count);
                data.RemoveRange(at, random.Next(1, Math.Min(64, data.Count - at) + 1));
                break;
            }
            case 5:
            {
                var at = random.Next(data.Count);
                var length = random.Next(1, Math.Min(128, data.Count - at) + 1);
                data.InsertRange(random.Next(data.Count + 1), data.GetRange(at, length));
                break;
            }
            case 6:
                RewriteNumber(data);
                break;
            case 7:
            {
                var keep = random.Next(data.Count);
                data.RemoveRange(keep, data.Count - keep);
                break;
            }
            case 8:
            {
                // Overwrite with a 2-, 4- or 8-byte edge value, either endianness.
                var width = 2 << random.Next(3);
                var at = random.Next(data.Count);
                var value = random.Next(4) switch { 0 => 0UL, 1 => ulong.MaxValue, 2 => 1UL << (width * 8 - 1), _ => (1UL << (width * 8 - 1)) - 1 };
                for (var i = 0; i < width && at + i < data.Count; i++)
                {
                    data[at + i] = (byte)(value >> (8 * (random.Next(2) == 0 ? i : width - 1 - i)));
                }
                break;
            }
            case 9:
            case 10:
                if (dictionary.Count > 0)
                {
                    var token = dictionary[random.Next(dictionary.Count)];
                    var at = random.Next(data.Count + 1);
                    if (random.Next(2) == 0 || at == data.Count)
                    {
                        data.InsertRange(at, token);
                    }
                    else
                    {
                        for (var i = 0; i < token.Length && at + i < data.Count; i++)
                        {
                            data[at + i] = token[i];
                        }
                    }
                }
                else
                {
                    data.Insert(random.Next(data.Count + 1), (byte)random.Next(256));
                }
                break;
            default:
                if (other.Length > 0)
                {
                    var from = random.Next(other.Length);
                    var length = random.Next(1, other.Length - from + 1);
                    var at = random.Next(data.Count + 1);
                    data.RemoveRange(at, random.Next(data.Count - at + 1));
                    data.InsertRange(at, other.AsSpan(from, length).ToArray());
                }
                break;
        }
    }

    /// <summary>Replaces one run of ASCII digits with an edge number (overflow, NaN, negative, huge).</summary>
    private void RewriteNumber(List<byte> data)
    {
        var start = random.Next(data.Count);
        while (start < data.Count && !char.IsAsciiDigit((char)data[start]))
        {
            start++;
        }
        if (start == data.Count)
        {
            return;
        }
        var end = start;
        while (end < data.Count && char.IsAsciiDigit((char)data[end]))
        {
            end++;
        }
        data.RemoveRange(start, end - start);
        data.InsertRange(start, Encoding.ASCII.GetBytes(Numbers[random.Next(Numbers.Length)]));
    }
}
