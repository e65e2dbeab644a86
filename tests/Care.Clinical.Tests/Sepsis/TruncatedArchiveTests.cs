using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Care.Clinical.Challenge2019;
using Care.Core.Errors;
using Care.Testing;

namespace Care.Clinical.Tests.Sepsis;

/// <summary>Issue 11 item 7: a truncated <c>.tar.gz</c> is blamed on the archive and its offset, not on a half row.</summary>
public sealed class TruncatedArchiveTests
{
    internal static byte[] Archive(int patients, int hours)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            for (var p = 0; p < patients; p++)
            {
                var text = new StringBuilder(string.Join('|', ChallengeColumns.Names)).Append('\n');
                for (var h = 0; h < hours; h++)
                {
                    text.Append(ChallengeReaderTests.Row(h >= hours - 3 && p % 2 == 0 ? 1 : 0, 60 + (p * 7 + h * 13) % 70)).Append('\n');
                }
                var entry = new PaxTarEntry(TarEntryType.RegularFile, $"set/p{p:D6}.psv")
                {
                    DataStream = new MemoryStream(Encoding.ASCII.GetBytes(text.ToString())),
                };
                tar.WriteEntry(entry);
            }
        }
        return compressed.ToArray();
    }

    [Fact]
    public void Given_a_whole_archive_When_read_Then_every_patient_is_returned()
    {
        var records = ChallengeReader.ReadArchive(new MemoryStream(Archive(6, 40)), "a.tar.gz");

        Assert.Equal(6, records.Count);
        Assert.All(records, r => Assert.Equal(40, r.Hours));
    }

    [Theory]
    [InlineData(0.15)]
    [InlineData(0.4)]
    [InlineData(0.63)]
    [InlineData(0.9)]
    public void Given_an_archive_cut_short_When_read_Then_the_archive_and_byte_offset_are_named(double fraction)
    {
        var whole = Archive(6, 40);
        var cut = (int)(whole.Length * fraction);

        var e = Assert.Throws<InvalidInputException>(() => ChallengeReader.ReadArchive(new MemoryStream(whole[..cut]), "a.tar.gz"));

        Assert.Equal($"a.tar.gz @ byte {cut}", e.Errors[0].Where);
        Assert.Contains("truncated", e.Errors[0].Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(" line ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_challenge_archive_cut_at_300000_bytes_When_read_Then_the_archive_is_blamed()
    {
        var folder = SharedData.RequireFolder("sepsis2019");
        var bytes = new byte[300_000];
        using (var file = File.OpenRead(Path.Combine(folder, "training_setA.tar.gz")))
        {
            file.ReadExactly(bytes);
        }

        var e = Assert.Throws<InvalidInputException>(() => ChallengeReader.ReadArchive(new MemoryStream(bytes), "training_setA.tar.gz"));

        Assert.Equal("training_setA.tar.gz @ byte 300000", e.Errors[0].Where);
        Assert.DoesNotContain(".psv line", e.Message, StringComparison.Ordinal);
    }
}
