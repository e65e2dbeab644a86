using Care.Cardio.Wfdb;
using Care.Core.Errors;

namespace Care.Cardio.Tests.Wfdb;

/// <summary>
/// Feeds seeded random corruptions (bit flips, byte overwrites, truncations, insertions) to the
/// readers. Each must either throw <see cref="InvalidInputException"/> naming the file and a byte
/// offset, or return data that meets every invariant; no other exception, no silent garbage.
/// </summary>
public sealed class CorruptionFuzzTests
{
    private const int Rounds = 400;

    [Fact]
    public void Corrupted_annotation_files_fail_cleanly_or_stay_well_formed()
    {
        var original = AnnotationFile.Write(Enumerable.Range(0, 300)
            .Select(i => new Annotation(i * 290L + (i % 7) * 40, (byte)(1 + i % 13), Channel: (byte)(i % 2), Number: (short)(i % 5), Aux: i % 17 == 0 ? "(AFIB" : null))
            .ToArray());
        var random = new Random(20260);
        var rejected = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var bytes = Corrupt(original, random);
            try
            {
                var result = AnnotationFile.Read(bytes, "f.atr");
                long previous = 0;
                foreach (var a in result)
                {
                    Assert.InRange(a.Code, 0, AnnotationCodes.MaxCode);
                    Assert.True(a.Sample >= previous, "annotations must stay in time order");
                    previous = a.Sample;
                    Assert.True(a.Aux is null || a.Aux.Length <= 1023);
                }
            }
            catch (InvalidInputException e)
            {
                rejected++;
                Assert.Matches(@"^f\.atr @ byte \d+: ", e.Message);
            }
        }
        Assert.True(rejected > Rounds / 10, $"only {rejected} of {Rounds} corruptions were caught");
    }

    [Fact]
    public void Corrupted_signal_files_are_always_caught_by_the_header_checks()
    {
        using var folder = new TempFolder();
        foreach (var format in new[] { 212, 16 })
        {
            var path = SyntheticRecord.Write(folder, $"r{format}", format, SyntheticRecord.Signals(2, 300, format));
            var original = File.ReadAllBytes(path + ".dat");
            var random = new Random(format);
            for (var round = 0; round < Rounds / 4; round++)
            {
                var bytes = Corrupt(original, random);
                if (bytes.AsSpan().SequenceEqual(original))
                {
                    continue;
                }
                File.WriteAllBytes(path + ".dat", bytes);
                var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(path));
                Assert.Matches($@"r{format}\.dat @ byte \d+: ", e.Message);
            }
        }
    }

    [Fact]
    public void Corrupted_headers_fail_cleanly_or_agree_with_the_signal_file()
    {
        using var folder = new TempFolder();
        var data = SyntheticRecord.Signals(2, 300, 5);
        var path = SyntheticRecord.Write(folder, "h", 212, data, "\r\n");
        var original = File.ReadAllBytes(path + ".hea");
        var random = new Random(77);
        for (var round = 0; round < Rounds; round++)
        {
            File.WriteAllBytes(path + ".hea", Corrupt(original, random));
            try
            {
                var rec = WfdbRecord.Read(path);
                // Parsed: then the samples must be exactly what was written (checksums held).
                Assert.Equal(data[0], rec.Samples(0).ToArray());
            }
            catch (InvalidInputException e)
            {
                Assert.Matches(@"h\.(hea|dat)? ?@ byte \d+: |^.*@ byte \d+: ", e.Message);
            }
        }
    }

    private static byte[] Corrupt(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                for (var i = random.Next(1, 6); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                return bytes;
            case 2:
                return bytes[..random.Next(bytes.Length)];
            default:
                var at = random.Next(bytes.Length);
                var insert = new byte[random.Next(1, 4)];
                random.NextBytes(insert);
                return [.. bytes[..at], .. insert, .. bytes[at..]];
        }
    }
}
