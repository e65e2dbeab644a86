namespace Care.Cardio.Wfdb;

/// <summary>
/// A WFDB record read into memory: its header and the samples of every signal in ADC units.
/// Read-only after construction and safe to share between threads.
/// </summary>
public sealed class WfdbRecord
{
    private readonly short[][] _signals;

    private WfdbRecord(string path, WfdbHeader header, short[][] signals)
    {
        Path = path;
        Header = header;
        _signals = signals;
    }

    /// <summary>The record path without extension (<c>…/mitdb/100</c>).</summary>
    public string Path { get; }

    /// <summary>The record's name (the header file name without <c>.hea</c>).</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The parsed header.</summary>
    public WfdbHeader Header { get; }

    /// <summary>Samples per signal actually read.</summary>
    public int Length => _signals.Length == 0 ? 0 : _signals[0].Length;

    /// <summary>The samples of signal <paramref name="index"/> in ADC units.</summary>
    public ReadOnlySpan<short> Samples(int index) => _signals[index];

    /// <summary>
    /// Converts signal <paramref name="index"/> to physical units (<c>(adc - baseline) / gain</c>),
    /// writing <see cref="Length"/> values into <paramref name="destination"/>.
    /// </summary>
    public void CopyPhysical(int index, Span<float> destination)
    {
        var info = Header.Signals[index];
        var src = _signals[index];
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, src.Length);
        var scale = (float)(1.0 / info.Gain);
        var baseline = info.Baseline;
        for (var i = 0; i < src.Length; i++)
        {
            destination[i] = (src[i] - baseline) * scale;
        }
    }

    /// <summary>Signal <paramref name="index"/> in physical units, as a new array.</summary>
    public float[] Physical(int index)
    {
        var result = new float[Length];
        CopyPhysical(index, result);
        return result;
    }

    /// <summary>
    /// Reads record <paramref name="path"/> (with or without the <c>.hea</c> extension): the header
    /// and every signal file it names, checked against each other.
    /// </summary>
    /// <exception cref="Care.Core.Errors.InvalidInputException">A file is missing, truncated or
    /// disagrees with the header; the message names the file and byte offset.</exception>
    public static WfdbRecord Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.EndsWith(".hea", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }
        var headerPath = path + ".hea";
        var header = WfdbHeaderParser.Parse(ReadFile(headerPath), headerPath);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(headerPath)) ?? ".";
        var signals = new short[header.SignalCount][];
        long? length = header.SamplesPerSignal;
        foreach (var group in header.Signals.Select((s, i) => (s, i)).GroupBy(x => x.s.FileName, StringComparer.Ordinal))
        {
            var file = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, group.Key));
            if (!string.Equals(System.IO.Path.GetDirectoryName(file), folder, StringComparison.Ordinal))
            {
                // The header parser refuses such names already; this guards headers built in code.
                throw WfdbError.At(headerPath, 0, $"signal file '{group.Key}' is not in the record's folder {folder}");
            }
            var decoded = WfdbSignalDecoder.Decode(ReadFile(file), file, [.. group.Select(x => x.s)], length);
            var k = 0;
            foreach (var (_, i) in group)
            {
                signals[i] = decoded[k++];
            }
            length ??= decoded[0].Length;
            if (decoded[0].Length != length)
            {
                throw WfdbError.At(file, 0, $"holds {decoded[0].Length} samples per signal but other signal files hold {length}");
            }
        }
        return new WfdbRecord(path, header, signals);
    }

    /// <summary>Reads the annotation file <c>RECORD.ANNOTATOR</c> (for example <c>100.atr</c>).</summary>
    public static IReadOnlyList<Annotation> ReadAnnotations(string recordPath, string annotator = "atr")
    {
        ArgumentException.ThrowIfNullOrEmpty(recordPath);
        var file = recordPath + "." + annotator;
        return AnnotationFile.Read(ReadFile(file), file);
    }

    private static byte[] ReadFile(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw WfdbError.At(file, 0, "file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw WfdbError.At(file, 0, Directory.Exists(file) ? "is a folder, not a file" : "cannot be read (permission denied)");
        }
    }
}
