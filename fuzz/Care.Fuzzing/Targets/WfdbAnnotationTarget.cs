using Care.Cardio.Wfdb;
using Care.Core.Errors;
using Care.Fuzzing.Engine;

namespace Care.Fuzzing.Targets;

/// <summary><see cref="AnnotationFile.Read"/> on MIT-format annotation bytes. Refusal: <see cref="InvalidInputException"/>.</summary>
internal sealed class WfdbAnnotationTarget : IFuzzTarget
{
    public string Name => "wfdb-annotation";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        AnnotationFile.Write([.. Enumerable.Range(0, 60).Select(i => new Annotation(i * 290L + (i % 7) * 40 + (i >= 30 ? 5000 : 0), (byte)(1 + i % 13), Channel: (byte)(i % 2), Number: (short)(i % 5), SubType: (sbyte)(i % 3), Aux: i % 17 == 0 ? "(AFIB" : null))]),
        AnnotationFile.Write([new Annotation(18, 28, Aux: "(N\0"), new Annotation(77, 1), new Annotation(370, 1)]),
    ];

    public IReadOnlyList<byte[]> Dictionary { get; } = [[0, 0], [0, 0xEC], [0, 0xF0], [0, 0xF4], [0, 0xF8], [0xFF, 0xFC], [0xFF, 0xFF, 0xFF, 0x7F], [0, 0x80, 0, 0]];

    public void Run(byte[] input) => AnnotationFile.Read(input, "f.atr");

    public bool IsExpected(Exception exception) => exception is InvalidInputException;
}
