using System.Text;
using Care.Cardio.Wfdb;
using Care.Core.Errors;
using Care.Fuzzing.Engine;

namespace Care.Fuzzing.Targets;

/// <summary>
/// <see cref="WfdbSignalDecoder.Decode"/> driven by a header: the input is a header, a separator line
/// <c>--DAT--</c> and the signal file's bytes, so mutation reaches both the header's counts, formats,
/// offsets and checksums and the samples. Refusal: <see cref="InvalidInputException"/>.
/// </summary>
internal sealed class WfdbSignalTarget : IFuzzTarget
{
    private static readonly byte[] Separator = Encoding.ASCII.GetBytes("\n--DAT--\n");

    public string Name => "wfdb-signal";

    public IReadOnlyList<byte[]> Seeds { get; } = [Make(212, 2, 40), Make(16, 3, 25), Make(212, 1, 33)];

    public IReadOnlyList<byte[]> Dictionary { get; } = Tokens.Ascii(" 212", " 16", "+3", "+999999", " 9223372036854775807", " 4294967295", " 0", "\n--DAT--\n");

    public void Run(byte[] input)
    {
        var split = input.AsSpan().IndexOf(Separator);
        if (split < 0)
        {
            throw new InvalidInputException("input", "no --DAT-- separator");
        }
        var header = WfdbHeaderParser.Parse(input.AsSpan(0, split), "f.hea");
        if (header.SignalCount == 0)
        {
            return;
        }
        var file = header.Signals[0].FileName;
        var signals = header.Signals.Where(s => s.FileName == file).ToList();
        WfdbSignalDecoder.Decode(input.AsSpan(split + Separator.Length), file, signals, header.SamplesPerSignal);
    }

    public bool IsExpected(Exception exception) => exception is InvalidInputException;

    /// <summary>A valid header and signal file pair with checksums and initial values.</summary>
    private static byte[] Make(int format, int signals, int length)
    {
        var random = new Random(format * 31 + signals);
        var samples = new short[signals][];
        for (var s = 0; s < signals; s++)
        {
            samples[s] = [.. Enumerable.Range(0, length).Select(_ => (short)random.Next(-2048, 2048))];
        }
        var header = new StringBuilder($"r {signals} 360 {length}\n");
        for (var s = 0; s < signals; s++)
        {
            short sum = 0;
            foreach (var v in samples[s])
            {
                sum = unchecked((short)(sum + v));
            }
            header.Append($"r.dat {format} 200 11 1024 {samples[s][0]} {sum} 0 lead{s}\n");
        }
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(header.ToString().TrimEnd('\n')));
        bytes.AddRange(Separator);
        var values = new List<int>();
        for (var i = 0; i < length; i++)
        {
            for (var s = 0; s < signals; s++)
            {
                values.Add(samples[s][i]);
            }
        }
        if (format == 16)
        {
            foreach (var v in values)
            {
                bytes.Add((byte)v);
                bytes.Add((byte)(v >> 8));
            }
        }
        else
        {
            for (var k = 0; k < values.Count; k += 2)
            {
                var a = values[k] & 0xFFF;
                var b = k + 1 < values.Count ? values[k + 1] & 0xFFF : 0;
                bytes.Add((byte)a);
                bytes.Add((byte)(((a >> 8) & 0x0F) | ((b >> 4) & 0xF0)));
                if (k + 1 < values.Count)
                {
                    bytes.Add((byte)b);
                }
            }
        }
        return [.. bytes];
    }
}
