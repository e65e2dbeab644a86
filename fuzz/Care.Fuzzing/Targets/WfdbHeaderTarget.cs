using System.Text;
using Care.Cardio.Wfdb;
using Care.Core.Errors;
using Care.Fuzzing.Engine;

namespace Care.Fuzzing.Targets;

/// <summary><see cref="WfdbHeaderParser.Parse"/> on <c>.hea</c> text. Refusal: <see cref="InvalidInputException"/>.</summary>
internal sealed class WfdbHeaderTarget : IFuzzTarget
{
    /// <summary>MIT-BIH record 100's header, as published.</summary>
    public const string Record100 = "100 2 360 650000\r\n100.dat 212 200 11 1024 995 -22131 0 MLII\r\n100.dat 212 200 11 1024 1011 20052 0 V5\r\n# 69 M 1085 1629 x1\r\n# Aldomet, Inderal\r\n";

    public string Name => "wfdb-header";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        Encoding.ASCII.GetBytes(Record100),
        Encoding.ASCII.GetBytes("r 3 250/125(0) 1000\nr.dat 16+24 100(5)/uV 12 0 5 0 0 lead0\nr.dat 16+24 0 16\nr.dat 16+24\n"),
        Encoding.ASCII.GetBytes("x 0\n"),
    ];

    public IReadOnlyList<byte[]> Dictionary { get; } = Tokens.Ascii(
        " ", "\t", "\r\n", "#", "212", "16", "+", "x", ":", "(", ")", "/", "mV", "9223372036854775807", "4097", "-1", "1e999", "NaN", "\u00a0");

    public void Run(byte[] input) => WfdbHeaderParser.Parse(input, "f.hea");

    public bool IsExpected(Exception exception) => exception is InvalidInputException;
}
