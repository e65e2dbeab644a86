using Care.Clinical.Challenge2019;
using Care.Core.Errors;
using Care.Fuzzing.Engine;

namespace Care.Fuzzing.Targets;

/// <summary>
/// <see cref="ChallengeReader.ReadArchive"/> with the mutation applied to the uncompressed tar (headers,
/// sizes, types, names, and the PSV rows inside), gzipped before reading so that every input reaches the
/// tar reader and the PSV parser. Refusal: <see cref="InvalidInputException"/>.
/// </summary>
internal sealed class SepsisTarTarget : IFuzzTarget
{
    public string Name => "sepsis-tar";

    public IReadOnlyList<byte[]> Seeds { get; } = [SepsisArchive.Tar(2, 6), SepsisArchive.Tar(1, 1)];

    public IReadOnlyList<byte[]> Dictionary { get; } = Tokens.Ascii(
        "|", "NaN", "\n", "\r\n", "1e39", "-1e309", "Infinity", "0|1", "ustar\0", "ustar  \0", "00000000000", "77777777777", ".psv", "path=", "size=", "PaxHeader");

    public void Run(byte[] input)
    {
        using var stream = new MemoryStream(SepsisArchive.Gzip(input), writable: false);
        ChallengeReader.ReadArchive(stream, "a.tar.gz", maxPatients: 8);
    }

    public bool IsExpected(Exception exception) => exception is InvalidInputException;
}
