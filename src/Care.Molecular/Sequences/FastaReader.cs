using System.Text;
using Care.Core.Errors;

namespace Care.Molecular.Sequences;

/// <summary>
/// Reads FASTA (<c>&gt;id description</c> header, sequence lines) strictly: a file that is empty,
/// starts with anything but a header, has a record without residues, a letter outside the alphabet,
/// a duplicated id, a NUL byte, or exceeds <see cref="FastaLimits"/> is refused as a whole with
/// <see cref="InvalidInputException"/> naming the source, line and byte offset. Blank lines and
/// CR-LF line ends are accepted. Stateless and thread safe.
/// </summary>
public static class FastaReader
{
    /// <summary>Reads a file.</summary>
    public static IReadOnlyList<SequenceRecord> ReadFile(string path, FastaLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        var length = new FileInfo(path).Length;
        var cap = limits.MaxTotalLength + (limits.MaxTotalLength / 10) + (limits.MaxRecords * 1100L) + 1024;
        if (length > cap)
        {
            throw new InvalidInputException(path, $"file is {length} bytes, more than the {cap} allowed for at most {limits.MaxTotalLength} residues");
        }
        return Parse(File.ReadAllBytes(path), path, limits);
    }

    /// <summary>Parses text (UTF-8/ASCII bytes) from <paramref name="source"/> (a name used in messages).</summary>
    public static IReadOnlyList<SequenceRecord> Parse(ReadOnlySpan<byte> data, string source, FastaLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        var records = new List<SequenceRecord>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? id = null;
        var description = "";
        var residues = new StringBuilder();
        var headerWhere = "";
        long total = 0;
        var line = 0;
        var offset = 0;
        string Where(int ln, long at) => $"{source}:{ln} (byte {at})";

        void Close()
        {
            if (id is null)
            {
                return;
            }
            if (residues.Length == 0)
            {
                throw new InvalidInputException(headerWhere, $"record '{id}' has no residues (empty or truncated)");
            }
            records.Add(new SequenceRecord(id, description, residues.ToString()));
            residues.Clear();
        }

        while (offset < data.Length)
        {
            line++;
            var end = data[offset..].IndexOf((byte)'\n');
            var next = end < 0 ? data.Length : offset + end + 1;
            var text = data[offset..(end < 0 ? data.Length : offset + end)];
            if (!text.IsEmpty && text[^1] == (byte)'\r')
            {
                text = text[..^1];
            }
            if (text.IndexOf((byte)0) is var nul and >= 0)
            {
                throw new InvalidInputException(Where(line, offset + nul), "NUL byte: this is not a text FASTA file");
            }
            if (!text.IsEmpty && text[0] == (byte)'>')
            {
                Close();
                var header = Encoding.UTF8.GetString(text[1..]).Trim();
                var space = header.IndexOfAny([' ', '\t']);
                id = space < 0 ? header : header[..space];
                description = space < 0 ? "" : header[(space + 1)..].Trim();
                headerWhere = Where(line, offset);
                if (id.Length == 0)
                {
                    throw new InvalidInputException(headerWhere, "header has no id after '>'");
                }
                if (!ids.Add(id))
                {
                    throw new InvalidInputException(headerWhere, $"record id '{id}' appears twice");
                }
                if (ids.Count > limits.MaxRecords)
                {
                    throw new InvalidInputException(headerWhere, $"more than {limits.MaxRecords} records");
                }
            }
            else if (!text.Trim((byte)' ').IsEmpty)
            {
                if (id is null)
                {
                    throw new InvalidInputException(Where(line, offset), "sequence before the first '>' header: not FASTA");
                }
                for (var i = 0; i < text.Length; i++)
                {
                    var c = (char)text[i];
                    if (c is ' ' or '\t')
                    {
                        continue;
                    }
                    var upper = char.ToUpperInvariant(c);
                    if (!Allowed(upper, limits.Alphabet))
                    {
                        var shown = c < 32 || c > 126 ? $"byte 0x{text[i]:X2}" : $"'{c}'";
                        throw new InvalidInputException(Where(line, offset + i), $"{shown} in record '{id}' is not {(limits.Alphabet == SequenceAlphabet.Dna ? "A, C, G or T" : "an amino-acid letter")}");
                    }
                    residues.Append(upper);
                }
                total += text.Length;
                if (residues.Length > limits.MaxRecordLength)
                {
                    throw new InvalidInputException(Where(line, offset), $"record '{id}' is longer than {limits.MaxRecordLength} residues");
                }
                if (total > limits.MaxTotalLength)
                {
                    throw new InvalidInputException(Where(line, offset), $"more than {limits.MaxTotalLength} residues in all");
                }
            }
            offset = next;
        }
        Close();
        if (records.Count == 0)
        {
            throw new InvalidInputException(source, "no FASTA record (empty file or no '>' header)");
        }
        return records;
    }

    private static bool Allowed(char c, SequenceAlphabet alphabet) => alphabet == SequenceAlphabet.Dna
        ? c is 'A' or 'C' or 'G' or 'T'
        : c is >= 'A' and <= 'Z' and not ('B' or 'J' or 'O' or 'U' or 'Z') || c == '*';
}
