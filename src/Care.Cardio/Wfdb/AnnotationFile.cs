using System.Text;

namespace Care.Cardio.Wfdb;

/// <summary>
/// Reads and writes WFDB binary annotation files in the MIT format: 16-bit little-endian words,
/// 6-bit code and 10-bit time step, with the pseudo-codes SKIP (59), NUM (60), SUB (61),
/// CHN (62) and AUX (63), ended by a zero word. NUM and CHN carry over to later annotations,
/// SUB and AUX apply to one annotation only, as in WFDB's <c>getann</c>.
/// </summary>
public static class AnnotationFile
{
    private const int Skip = 59;
    private const int Num = 60;
    private const int Sub = 61;
    private const int Chn = 62;
    private const int Aux = 63;

    /// <summary>Reads every annotation in <paramref name="content"/>, in file order.</summary>
    /// <exception cref="Care.Core.Errors.InvalidInputException">The file is truncated (no end marker,
    /// a field cut short), uses an undefined code, has a modifier before any annotation, or goes
    /// backwards in time; the message names <paramref name="fileName"/> and the byte offset.</exception>
    public static IReadOnlyList<Annotation> Read(ReadOnlySpan<byte> content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var result = new List<Annotation>(content.Length / 2);
        long time = 0;
        short num = 0;
        byte chan = 0;
        var p = 0;
        var hasCurrent = false;
        Annotation current = default;
        while (true)
        {
            if (p + 2 > content.Length)
            {
                throw WfdbError.At(fileName, p, p == content.Length
                    ? "truncated: the file ends without the end-of-file marker (a zero word)"
                    : "truncated: the file ends inside a 16-bit word");
            }
            var word = content[p] | (content[p + 1] << 8);
            var wordAt = p;
            p += 2;
            if (word == 0)
            {
                break;
            }
            var code = word >> 10;
            var value = word & 0x3FF;
            switch (code)
            {
                case Skip:
                    if (p + 4 > content.Length)
                    {
                        throw WfdbError.At(fileName, wordAt, "truncated: SKIP needs 4 more bytes for its interval");
                    }
                    // PDP-11 long: high 16-bit word first, each word little-endian.
                    var interval = (content[p] << 16) | (content[p + 1] << 24) | content[p + 2] | (content[p + 3] << 8);
                    p += 4;
                    Flush(result, ref hasCurrent, current);
                    time += interval;
                    if (time < 0)
                    {
                        throw WfdbError.At(fileName, wordAt, $"SKIP of {interval} samples moves before the start of the record");
                    }
                    break;
                case Num:
                case Sub:
                case Chn:
                case Aux:
                    if (!hasCurrent)
                    {
                        throw WfdbError.At(fileName, wordAt, $"a {Name(code)} field appears before any annotation it could belong to");
                    }
                    if (code == Num)
                    {
                        num = (short)(value >= 512 ? value - 1024 : value);
                        current = current with { Number = num };
                    }
                    else if (code == Sub)
                    {
                        current = current with { SubType = (sbyte)(value >= 512 ? value - 1024 : value) };
                    }
                    else if (code == Chn)
                    {
                        if (value > byte.MaxValue)
                        {
                            throw WfdbError.At(fileName, wordAt, $"channel {value} is out of range (0 to 255)");
                        }
                        chan = (byte)value;
                        current = current with { Channel = chan };
                    }
                    else
                    {
                        if (p + value > content.Length)
                        {
                            throw WfdbError.At(fileName, wordAt, $"truncated: AUX announces {value} bytes but {content.Length - p} remain");
                        }
                        var text = Encoding.Latin1.GetString(content.Slice(p, value));
                        var nul = text.IndexOf('\0', StringComparison.Ordinal);
                        current = current with { Aux = nul >= 0 ? text[..nul] : text };
                        p += value + (value & 1);
                    }
                    break;
                default:
                    if (code > AnnotationCodes.MaxCode)
                    {
                        throw WfdbError.At(fileName, wordAt, $"annotation code {code} is undefined (codes are 0 to {AnnotationCodes.MaxCode}, pseudo-codes 59 to 63)");
                    }
                    Flush(result, ref hasCurrent, current);
                    time += value;
                    current = new Annotation(time, (byte)code, 0, chan, num, null);
                    hasCurrent = true;
                    break;
            }
        }
        Flush(result, ref hasCurrent, current);
        return result;
    }

    /// <summary>
    /// Writes <paramref name="annotations"/> (in non-decreasing sample order) in the MIT format,
    /// emitting SKIP for steps over 1023 samples, NUM and CHN when they change, SUB when non-zero
    /// and AUX when present, then the end marker.
    /// </summary>
    /// <exception cref="ArgumentException">Annotations are out of order, or a field is out of range.</exception>
    public static byte[] Write(IReadOnlyList<Annotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        using var output = new MemoryStream(annotations.Count * 2 + 2);
        long time = 0;
        short num = 0;
        byte chan = 0;
        foreach (var a in annotations)
        {
            if (a.Code > AnnotationCodes.MaxCode)
            {
                throw new ArgumentException($"annotation code {a.Code} at sample {a.Sample} is out of range 0..{AnnotationCodes.MaxCode}", nameof(annotations));
            }
            var step = a.Sample - time;
            if (step < 0)
            {
                throw new ArgumentException($"annotation at sample {a.Sample} comes before the previous one at {time}", nameof(annotations));
            }
            if (a.Code == 0 && step == 0)
            {
                throw new ArgumentException($"annotation code 0 at sample {a.Sample} would be read as the end marker", nameof(annotations));
            }
            if (step > 1023)
            {
                if (step > int.MaxValue)
                {
                    throw new ArgumentException($"gap of {step} samples before sample {a.Sample} is too long", nameof(annotations));
                }
                WriteWord(output, Skip << 10);
                var s = (int)step;
                output.WriteByte((byte)(s >> 16));
                output.WriteByte((byte)(s >> 24));
                output.WriteByte((byte)s);
                output.WriteByte((byte)(s >> 8));
                step = 0;
            }
            WriteWord(output, (a.Code << 10) | (int)step);
            time = a.Sample;
            if (a.SubType != 0)
            {
                WriteWord(output, (Sub << 10) | (a.SubType & 0x3FF));
            }
            if (a.Channel != chan)
            {
                WriteWord(output, (Chn << 10) | a.Channel);
                chan = a.Channel;
            }
            if (a.Number != num)
            {
                if (a.Number is < -512 or > 511)
                {
                    throw new ArgumentException($"NUM {a.Number} at sample {a.Sample} is out of range -512..511", nameof(annotations));
                }
                WriteWord(output, (Num << 10) | (a.Number & 0x3FF));
                num = a.Number;
            }
            if (a.Aux is { } aux)
            {
                var bytes = Encoding.Latin1.GetBytes(aux);
                if (bytes.Length > 255)
                {
                    throw new ArgumentException($"AUX at sample {a.Sample} is longer than 255 bytes", nameof(annotations));
                }
                WriteWord(output, (Aux << 10) | bytes.Length);
                output.Write(bytes);
                if ((bytes.Length & 1) != 0)
                {
                    output.WriteByte(0);
                }
            }
        }
        WriteWord(output, 0);
        return output.ToArray();
    }

    private static void Flush(List<Annotation> result, ref bool hasCurrent, Annotation current)
    {
        if (hasCurrent)
        {
            result.Add(current);
            hasCurrent = false;
        }
    }

    private static void WriteWord(MemoryStream output, int word)
    {
        output.WriteByte((byte)word);
        output.WriteByte((byte)(word >> 8));
    }

    private static string Name(int code) => code switch
    {
        Num => "NUM",
        Sub => "SUB",
        Chn => "CHN",
        _ => "AUX",
    };
}
