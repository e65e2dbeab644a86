using System.Globalization;
using System.Text;

namespace Care.Cardio.Wfdb;

/// <summary>
/// Parses WFDB header files (<c>.hea</c>, CRLF or LF line ends) for single-segment records.
/// Errors are <see cref="Care.Core.Errors.InvalidInputException"/> naming the file and the byte
/// offset of the offending line or field.
/// </summary>
public static class WfdbHeaderParser
{
    private const double DefaultFrequencyHz = 250; // WFDB default when the record line omits it
    private const double DefaultGain = 200;        // WFDB default ADC units per mV

    /// <summary>Parses the bytes of a header file named <paramref name="fileName"/> (used in errors only).</summary>
    public static WfdbHeader Parse(ReadOnlySpan<byte> content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var lines = new List<(string Text, long Offset)>();
        var comments = new List<string>();
        var start = 0;
        while (start < content.Length)
        {
            var end = content[start..].IndexOf((byte)'\n');
            var lineEnd = end < 0 ? content.Length : start + end;
            var line = content[start..lineEnd];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            foreach (var b in line)
            {
                if (b == 0 || b > 0x7E && b < 0xA0 || b < 0x20 && b != (byte)'\t')
                {
                    throw WfdbError.At(fileName, start + line.IndexOf(b), $"byte 0x{b:X2} is not text; a header is a text file");
                }
            }
            var text = Encoding.Latin1.GetString(line).Trim();
            if (text.StartsWith('#'))
            {
                comments.Add(text[1..].Trim());
            }
            else if (text.Length > 0)
            {
                lines.Add((text, start));
            }
            start = lineEnd + 1;
        }
        if (lines.Count == 0)
        {
            throw WfdbError.At(fileName, 0, "no record line: the header is empty");
        }
        var (recordText, recordOffset) = lines[0];
        var fields = Split(recordText);
        var name = fields[0];
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw WfdbError.At(fileName, recordOffset, $"record '{name}' is a multi-segment record, which is not supported");
        }
        if (fields.Length < 2 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var signalCount) || signalCount > 4096)
        {
            throw WfdbError.At(fileName, recordOffset, "the record line must give the number of signals (0 to 4096) after the record name");
        }
        var frequency = DefaultFrequencyHz;
        if (fields.Length > 2)
        {
            var f = fields[2];
            var cut = f.IndexOfAny(['/', '(']);
            if (cut >= 0)
            {
                f = f[..cut];
            }
            if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out frequency) || !(frequency > 0) || double.IsInfinity(frequency))
            {
                throw WfdbError.At(fileName, recordOffset, $"sampling frequency '{fields[2]}' is not a positive number");
            }
        }
        long? samples = null;
        if (fields.Length > 3)
        {
            if (!long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw WfdbError.At(fileName, recordOffset, $"number of samples '{fields[3]}' is not a non-negative integer");
            }
            samples = n;
        }
        if (lines.Count - 1 < signalCount)
        {
            throw WfdbError.At(fileName, content.Length, $"the record line announces {signalCount} signals but only {lines.Count - 1} signal lines follow");
        }
        var signals = new List<WfdbSignalInfo>(signalCount);
        for (var i = 0; i < signalCount; i++)
        {
            signals.Add(ParseSignal(lines[i + 1].Text, fileName, lines[i + 1].Offset));
        }
        return new WfdbHeader(name, frequency, samples, signals, comments);
    }

    private static string[] Split(string text) =>
        text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static WfdbSignalInfo ParseSignal(string text, string fileName, long offset)
    {
        var fields = Split(text);
        if (fields.Length < 2)
        {
            throw WfdbError.At(fileName, offset, "a signal line needs at least a file name and a format");
        }
        var signalFile = fields[0];
        if (signalFile.IndexOfAny(['/', '\\']) >= 0 || signalFile is "." or ".." or "-")
        {
            // A header may only name a signal file beside it: never a path elsewhere on the machine.
            throw WfdbError.At(fileName, offset, $"signal file '{signalFile}' must be a file name in the record's folder, not a path");
        }
        var formatText = fields[1];
        long byteOffset = 0;
        var plus = formatText.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            if (!long.TryParse(formatText[(plus + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out byteOffset))
            {
                throw WfdbError.At(fileName, offset, $"byte offset in '{formatText}' is not a non-negative integer");
            }
            formatText = formatText[..plus];
        }
        if (formatText.Contains('x', StringComparison.Ordinal) || formatText.Contains(':', StringComparison.Ordinal))
        {
            throw WfdbError.At(fileName, offset, $"format '{fields[1]}' uses multiple samples per frame or skew, which are not supported");
        }
        if (!int.TryParse(formatText, NumberStyles.None, CultureInfo.InvariantCulture, out var format))
        {
            throw WfdbError.At(fileName, offset, $"format '{fields[1]}' is not a number");
        }
        var gain = DefaultGain;
        int? baseline = null;
        var units = "mV";
        if (fields.Length > 2)
        {
            var g = fields[2];
            var slash = g.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                units = g[(slash + 1)..];
                g = g[..slash];
            }
            var paren = g.IndexOf('(', StringComparison.Ordinal);
            if (paren >= 0)
            {
                if (!g.EndsWith(')') || !int.TryParse(g[(paren + 1)..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b))
                {
                    throw WfdbError.At(fileName, offset, $"baseline in '{fields[2]}' is not an integer in parentheses");
                }
                baseline = b;
                g = g[..paren];
            }
            if (!double.TryParse(g, NumberStyles.Float, CultureInfo.InvariantCulture, out gain) || double.IsNaN(gain) || double.IsInfinity(gain) || gain < 0)
            {
                throw WfdbError.At(fileName, offset, $"gain '{fields[2]}' is not a non-negative number");
            }
            if (gain == 0)
            {
                gain = DefaultGain; // WFDB: a gain of 0 means "uncalibrated", read as the default
            }
        }
        var resolution = OptionalInt(fields, 3, fileName, offset, "ADC resolution") ?? 0;
        var adcZero = OptionalInt(fields, 4, fileName, offset, "ADC zero") ?? 0;
        var initial = OptionalInt(fields, 5, fileName, offset, "initial value");
        var checksum = OptionalInt(fields, 6, fileName, offset, "checksum");
        _ = OptionalInt(fields, 7, fileName, offset, "block size");
        var description = fields.Length > 8 ? string.Join(' ', fields[8..]) : string.Empty;
        return new WfdbSignalInfo(fields[0], format, gain, baseline ?? adcZero, units, resolution, adcZero, initial, checksum, byteOffset, description);
    }

    private static int? OptionalInt(string[] fields, int index, string fileName, long offset, string what)
    {
        if (fields.Length <= index)
        {
            return null;
        }
        if (!int.TryParse(fields[index], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw WfdbError.At(fileName, offset, $"{what} '{fields[index]}' is not an integer");
        }
        return value;
    }
}
