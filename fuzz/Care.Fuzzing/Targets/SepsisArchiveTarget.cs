using Care.Clinical.Challenge2019;
using Care.Core.Errors;
using Care.Fuzzing.Engine;

namespace Care.Fuzzing.Targets;

/// <summary>
/// <see cref="ChallengeReader.ReadArchive"/> on mutated <c>.tar.gz</c> bytes (the gzip layer: headers,
/// deflate blocks, truncation). Refusal: <see cref="InvalidInputException"/>.
/// </summary>
internal sealed class SepsisArchiveTarget : IFuzzTarget
{
    public string Name => "sepsis-archive";

    public IReadOnlyList<byte[]> Seeds { get; } = [SepsisArchive.Gzip(SepsisArchive.Tar(3, 8)), SepsisArchive.Gzip(SepsisArchive.Tar(1, 2))];

    public IReadOnlyList<byte[]> Dictionary { get; } = [[0x1F, 0x8B, 8, 0], [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF]];

    public void Run(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        ChallengeReader.ReadArchive(stream, "a.tar.gz", maxPatients: 8);
    }

    public bool IsExpected(Exception exception) => exception is InvalidInputException;
}
