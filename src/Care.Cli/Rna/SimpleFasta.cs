using Care.Core.Errors;

namespace Care.Cli.Rna;

/// <summary>
/// A small FASTA reader for the RNA commands (records of one name line and sequence lines).
/// Kept here until the shared reader of <c>Care.Molecular.Sequences</c> lands; the lead unifies them.
/// </summary>
internal static class SimpleFasta
{
    private const long MaxBytes = 64L * 1024 * 1024;

    public static List<(string Name, string Sequence)> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "file not found");
        }
        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new InvalidInputException(path, $"file is larger than {MaxBytes / (1024 * 1024)} MiB");
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static List<(string Name, string Sequence)> Parse(string text, string where)
    {
        var records = new List<(string, string)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? name = null;
        var sequence = new System.Text.StringBuilder();
        var nameLine = 0;
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith(';'))
            {
                continue;
            }
            if (line.StartsWith('>'))
            {
                Flush();
                name = line[1..].Split([' ', '\t'], 2)[0];
                nameLine = n + 1;
                if (name.Length == 0)
                {
                    throw new InvalidInputException(where, $"line {n + 1}: record has no name");
                }
                if (!names.Add(name))
                {
                    throw new InvalidInputException(where, $"line {n + 1}: record '{name}' appears twice");
                }
                continue;
            }
            if (name is null)
            {
                throw new InvalidInputException(where, $"line {n + 1}: sequence before the first '>' name line");
            }
            sequence.Append(line);
        }
        Flush();
        if (records.Count == 0)
        {
            throw new InvalidInputException(where, "no FASTA records");
        }
        return records;

        void Flush()
        {
            if (name is null)
            {
                return;
            }
            if (sequence.Length == 0)
            {
                throw new InvalidInputException(where, $"line {nameLine}: record '{name}' has no sequence");
            }
            records.Add((name, sequence.ToString()));
            sequence.Clear();
        }
    }
}
