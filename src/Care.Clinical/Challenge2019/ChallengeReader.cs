using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using Care.Core.Errors;

namespace Care.Clinical.Challenge2019;

/// <summary>
/// Reads PhysioNet/CinC Challenge 2019 patient files (<c>|</c>-separated, 41-column header,
/// <c>NaN</c> for missing) from a <c>.tar.gz</c> (read directly), a folder of <c>.psv</c> files,
/// or one <c>.psv</c> file. Every file is validated: an unexpected header, a row without 41 fields,
/// a value that is not a number, a label other than 0/1 or a label going back from 1 to 0 throws
/// <see cref="InvalidInputException"/> naming the file and the 1-based line (and column).
/// Stateless and thread-safe.
/// </summary>
public static class ChallengeReader
{
    private const char Separator = '|';

    /// <summary>Largest archive entry read (16 MiB); a Challenge patient file is a few kilobytes.</summary>
    public const int MaxEntryBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Reads every patient under <paramref name="path"/> (a <c>.tar.gz</c>/<c>.tgz</c>, a folder or a
    /// <c>.psv</c> file), in file-name order, stopping after <paramref name="maxPatients"/> when given.
    /// </summary>
    /// <exception cref="InvalidInputException">The path does not exist, holds no patient file, or a file is malformed.</exception>
    public static IReadOnlyList<PatientRecord> ReadAll(string path, int? maxPatients = null, IProgress<int>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        int limit = maxPatients ?? int.MaxValue;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(maxPatients));
        var records = new List<PatientRecord>();
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.psv");
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files.Take(limit))
            {
                using var reader = new StreamReader(file);
                records.Add(Parse(Path.GetFileName(file), reader));
                progress?.Report(records.Count);
            }
        }
        else if (File.Exists(path) && (path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)))
        {
            ReadTarGz(path, limit, records, progress);
        }
        else if (File.Exists(path))
        {
            using var reader = new StreamReader(path);
            records.Add(Parse(Path.GetFileName(path), reader));
        }
        else
        {
            throw new InvalidInputException(path, "no such file or folder");
        }
        if (records.Count == 0)
        {
            throw new InvalidInputException(path, "holds no .psv patient file");
        }
        return records;
    }

    /// <summary>Parses one patient file; <paramref name="fileName"/> names it in errors and gives the id.</summary>
    /// <exception cref="InvalidInputException">The file is malformed (message names file, line and column).</exception>
    public static PatientRecord Parse(string fileName, TextReader reader)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new InvalidInputException($"{fileName} line 1", "empty file, expected the 41-column header");
        }
        CheckHeader(fileName, header);
        var values = new List<float>(64 * ChallengeColumns.InputCount);
        var labels = new List<bool>(64);
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 && reader.Peek() < 0)
            {
                break;
            }
            ParseRow(fileName, lineNumber, line, values, labels);
        }
        if (labels.Count == 0)
        {
            throw new InvalidInputException($"{fileName} line 2", "no data rows after the header");
        }
        var id = fileName.EndsWith(".psv", StringComparison.OrdinalIgnoreCase) ? fileName[..^4] : fileName;
        return new PatientRecord(Path.GetFileName(id), [.. values], [.. labels]);
    }

    /// <summary>
    /// Reads the patients of a <c>.tar.gz</c> archive from <paramref name="compressed"/>, in archive
    /// order, stopping after <paramref name="maxPatients"/> when given; <paramref name="archiveName"/>
    /// names the archive in errors. Entries other than regular <c>.psv</c> files are skipped.
    /// </summary>
    /// <exception cref="InvalidInputException">The archive is not gzip/tar, is truncated (the message
    /// names the archive, the compressed byte offset reached and the entry cut short), holds an entry
    /// over <see cref="MaxEntryBytes"/>, or a patient file is malformed.</exception>
    public static IReadOnlyList<PatientRecord> ReadArchive(Stream compressed, string archiveName, int? maxPatients = null)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        ArgumentException.ThrowIfNullOrEmpty(archiveName);
        int limit = maxPatients ?? int.MaxValue;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(maxPatients));
        var records = new List<PatientRecord>();
        ReadTarGz(compressed, archiveName, limit, records, null);
        return records;
    }

    private static void ReadTarGz(string path, int limit, List<PatientRecord> records, IProgress<int>? progress)
    {
        using var file = File.OpenRead(path);
        ReadTarGz(file, path, limit, records, progress);
    }

    private static void ReadTarGz(Stream compressed, string archiveName, int limit, List<PatientRecord> records, IProgress<int>? progress)
    {
        string At() => compressed.CanSeek ? $"{archiveName} @ byte {compressed.Position}" : archiveName;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        using var tar = new TarReader(gzip);
        try
        {
            TarEntry? entry;
            while (records.Count < limit && (entry = tar.GetNextEntry()) is not null)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    || entry.DataStream is null
                    || !entry.Name.EndsWith(".psv", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (entry.Length > MaxEntryBytes)
                {
                    throw new InvalidInputException(At(), $"entry '{entry.Name}' declares {entry.Length} bytes; a patient file may hold at most {MaxEntryBytes}");
                }
                // Read the whole entry first: gzip ends silently when the archive is cut short, and a
                // short entry must be blamed on the archive, not on the half row it ends with.
                var content = new byte[entry.Length];
                int read = entry.DataStream.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
                if (read < content.Length)
                {
                    throw new InvalidInputException(At(), $"the archive is truncated: it ends inside entry '{entry.Name}' after {read} of its {entry.Length} bytes");
                }
                using var reader = new StreamReader(new MemoryStream(content, writable: false));
                records.Add(Parse(entry.Name, reader));
                progress?.Report(records.Count);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or OverflowException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // System.Formats.Tar reports malformed headers with any of these (sizes and numbers too large,
            // unsupported entry types such as sparse files, and times out of range as ArgumentException
            // included; each found by fuzzing, its input in tests/Care.Fuzzing.Tests/FuzzCorpus).
            throw new InvalidInputException(At(), $"not a readable .tar.gz archive (truncated or corrupt): {e.Message}");
        }
    }

    private static void CheckHeader(string fileName, string header)
    {
        var names = header.Split(Separator);
        if (names.Length != ChallengeColumns.Names.Count)
        {
            throw new InvalidInputException($"{fileName} line 1", $"header has {names.Length} columns, expected {ChallengeColumns.Names.Count}");
        }
        for (int i = 0; i < names.Length; i++)
        {
            if (!string.Equals(names[i], ChallengeColumns.Names[i], StringComparison.Ordinal))
            {
                throw new InvalidInputException($"{fileName} line 1 column {i + 1}", $"header is '{names[i]}', expected '{ChallengeColumns.Names[i]}'");
            }
        }
    }

    private static void ParseRow(string fileName, int lineNumber, string line, List<float> values, List<bool> labels)
    {
        ReadOnlySpan<char> rest = line;
        int column = 0;
        while (true)
        {
            int bar = rest.IndexOf(Separator);
            var field = bar < 0 ? rest : rest[..bar];
            if (column >= ChallengeColumns.Names.Count)
            {
                throw new InvalidInputException($"{fileName} line {lineNumber}", $"row has more than {ChallengeColumns.Names.Count} fields");
            }
            if (column < ChallengeColumns.InputCount)
            {
                values.Add(ParseValue(fileName, lineNumber, column, field));
            }
            else
            {
                labels.Add(ParseLabel(fileName, lineNumber, field, labels));
            }
            column++;
            if (bar < 0)
            {
                break;
            }
            rest = rest[(bar + 1)..];
        }
        if (column != ChallengeColumns.Names.Count)
        {
            throw new InvalidInputException($"{fileName} line {lineNumber}", $"row has {column} fields, expected {ChallengeColumns.Names.Count}");
        }
    }

    private static float ParseValue(string fileName, int lineNumber, int column, ReadOnlySpan<char> field)
    {
        if (field.SequenceEqual("NaN"))
        {
            return float.NaN;
        }
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new InvalidInputException(
                $"{fileName} line {lineNumber} column {column + 1} ({ChallengeColumns.Names[column]})",
                $"'{field}' is not a number or NaN");
        }
        return (float)value;
    }

    private static bool ParseLabel(string fileName, int lineNumber, ReadOnlySpan<char> field, List<bool> labels)
    {
        var where = $"{fileName} line {lineNumber} column {ChallengeColumns.Names.Count} (SepsisLabel)";
        bool label = field switch
        {
            "0" => false,
            "1" => true,
            _ => throw new InvalidInputException(where, $"'{field}' is not 0 or 1"),
        };
        if (!label && labels.Count > 0 && labels[^1])
        {
            throw new InvalidInputException(where, "label goes back from 1 to 0");
        }
        return label;
    }
}
