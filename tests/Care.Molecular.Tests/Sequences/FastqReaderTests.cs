using System.Text;
using Care.Core.Errors;
using Care.Molecular.Sequences;

namespace Care.Molecular.Tests.Sequences;

public sealed class FastqReaderTests
{
    private static IReadOnlyList<FastqRecord> Parse(string text) => FastqReader.Parse(Encoding.ASCII.GetBytes(text), "reads.fq");

    [Fact]
    public void Given_formatted_reads_When_parsed_back_Then_bases_and_qualities_round_trip()
    {
        var reads = new[] { new FastqRecord("r1", "ACGTN", [0, 10, 20, 30, 40]), new FastqRecord("r2", "GG", [93, 2]) };
        var back = Parse(FastqReader.Format(reads));
        Assert.Equal(2, back.Count);
        Assert.Equal("ACGTN", back[0].Bases);
        Assert.Equal(reads[0].Qualities, back[0].Qualities);
        Assert.Equal(reads[1].Qualities, back[1].Qualities);
    }

    [Theory]
    [InlineData("@r1\nACGT\n+\nIIII\n@r2\nACGT\n", "reads.fq:7 (byte 25)", "truncated")]
    [InlineData(">r1\nACGT\n+\nIIII\n", "reads.fq:1 (byte 0)", "not FASTQ")]
    [InlineData("@r1\nACGT\n-\nIIII\n", "reads.fq:3 (byte 9)", "'+'")]
    [InlineData("@r1\nACXT\n+\nIIII\n", "reads.fq:2 (byte 6)", "'X'")]
    [InlineData("@r1\nACGT\n+\nIII\n", "reads.fq:4 (byte 11)", "3 qualities for 4 bases")]
    [InlineData("@r1\nACGT\n+\nII I\n", "reads.fq:4 (byte 13)", "quality character")]
    [InlineData("@r1\nAC\n+\nII\n@r1\nAC\n+\nII\n", "reads.fq:5 (byte 12)", "appears twice")]
    [InlineData("", "reads.fq", "empty")]
    public void Given_malformed_fastq_When_parsed_Then_it_is_refused_naming_line_and_byte(string text, string where, string problem)
    {
        var error = Assert.Throws<InvalidInputException>(() => Parse(text));
        Assert.Equal(where, error.Errors[0].Where);
        Assert.Contains(problem, error.Errors[0].Problem, StringComparison.Ordinal);
    }
}
