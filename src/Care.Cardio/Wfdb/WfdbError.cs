using Care.Core.Errors;

namespace Care.Cardio.Wfdb;

/// <summary>Builds the errors the WFDB readers throw: always the file and the byte offset of the problem.</summary>
internal static class WfdbError
{
    public static InvalidInputException At(string fileName, long byteOffset, string problem) =>
        new($"{fileName} @ byte {byteOffset}", problem);
}
