using System.Text;
using Care.Core.Errors;

namespace Care.Molecular.Sequences;

/// <summary>
/// Reads FASTQ (four lines per read: <c>@id</c>, bases, <c>+</c>, qualities with Phred+33)
/// strictly: a truncated record, a header without <c>@</c>, a separator without <c>+</c>, bases
/// other than A/C/G/T/N, qualities outside <c>!</c>–<c>~</c> or of another length than the bases,
/// a duplicated read id or more reads than allowed are refused as a whole with
/// <see cref="InvalidInputException"/> naming the source, line and byte offset. Stateless and thread safe.
/// </summary>
public static class FastqReader
{
    /// <summary>Reads a file of at most <paramref name="maxReads"/> reads of at most <paramref name="maxReadLength"/> bases.</summary>
    public static IReadOnlyList<FastqRecord> ReadFile(string path, int maxReads = 10_000_000, int maxReadLength = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path, maxReads, maxReadLength);
    }

    /// <summary>Parses FASTQ bytes from <paramref name="source"/> (a name used in messages).</summary>
    public static IReadOnlyList<FastqRecord> Parse(ReadOnlySpan<byte> data, string source, int maxReads = 10_000_000, int maxReadLength = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(source);
        var reads = new List<FastqRecord>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var offset = 0;
        var line = 0;
        var starts = new int[4];
        var lines = new string[4];
        while (offset < data.Length)
        {
            var recordLine = line + 1;
            for (var k = 0; k < 4; k++)
            {
                if (offset >= data.Length)
                {
                    throw new InvalidInputException($"{source}:{line + 1} (byte {offset})", $"read starting at line {recordLine} is truncated: FASTQ needs four lines per read");
                }
                line++;
                var end = data[offset..].IndexOf((byte)'\n');
                var text = data[offset..(end < 0 ? data.Length : offset + end)];
                if (!text.IsEmpty && text[^1] == (byte)'\r')
                {
                    text = text[..^1];
                }
                if (text.Length > maxReadLength + 1024)
                {
                    throw new InvalidInputException($"{source}:{line} (byte {offset})", $"line is longer than a read of {maxReadLength} bases");
                }
                starts[k] = offset;
                lines[k] = Encoding.ASCII.GetString(text);
                offset = end < 0 ? data.Length : offset + end + 1;
            }
            string Where(int k, int column = 0) => $"{source}:{recordLine + k} (byte {starts[k] + column})";
            if (lines[0].Length < 2 || lines[0][0] != '@')
            {
                throw new InvalidInputException(Where(0), "read header must start with '@' and name the read: not FASTQ");
            }
            if (lines[2].Length == 0 || lines[2][0] != '+')
            {
                throw new InvalidInputException(Where(2), "separator line must start with '+'");
            }
            var header = lines[0][1..];
            var space = header.IndexOfAny([' ', '\t']);
            var id = space < 0 ? header : header[..space];
            var bases = lines[1].ToUpperInvariant();
            if (bases.Length == 0)
            {
                throw new InvalidInputException(Where(1), $"read '{id}' has no bases");
            }
            if (bases.Length > maxReadLength)
            {
                throw new InvalidInputException(Where(1), $"read '{id}' is longer than {maxReadLength} bases");
            }
            if (bases.AsSpan().IndexOfAnyExcept("ACGTN") is var bad and >= 0)
            {
                throw new InvalidInputException(Where(1, bad), $"'{lines[1][bad]}' in read '{id}' is not A, C, G, T or N");
            }
            if (lines[3].Length != bases.Length)
            {
                throw new InvalidInputException(Where(3), $"read '{id}' has {lines[3].Length} qualities for {bases.Length} bases (truncated?)");
            }
            var qualities = new byte[bases.Length];
            for (var i = 0; i < qualities.Length; i++)
            {
                var q = lines[3][i];
                if (q is < '!' or > '~')
                {
                    throw new InvalidInputException(Where(3, i), $"quality character 0x{(int)q:X2} in read '{id}' is outside '!'..'~' (Phred+33)");
                }
                qualities[i] = (byte)(q - 33);
            }
            if (!ids.Add(id))
            {
                throw new InvalidInputException(Where(0), $"read id '{id}' appears twice");
            }
            if (reads.Count >= maxReads)
            {
                throw new InvalidInputException(Where(0), $"more than {maxReads} reads");
            }
            reads.Add(new FastqRecord(id, bases, qualities));
        }
        if (reads.Count == 0)
        {
            throw new InvalidInputException(source, "no FASTQ read (empty file)");
        }
        return reads;
    }

    /// <summary>Writes reads as FASTQ text (Phred+33), one four-line record each.</summary>
    public static string Format(IEnumerable<FastqRecord> reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var text = new StringBuilder();
        foreach (var read in reads)
        {
            text.Append('@').Append(read.Id).Append('\n').Append(read.Bases).Append("\n+\n");
            foreach (var q in read.Qualities)
            {
                text.Append((char)(q + 33));
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
