using System.Text;
using Care.Core.Errors;
using Care.Molecular.Sequences;
using Care.Testing;

namespace Care.Molecular.Tests.Sequences;

public sealed class FastaReaderTests
{
    private static IReadOnlyList<SequenceRecord> Parse(string text, FastaLimits? limits = null) =>
        FastaReader.Parse(Encoding.ASCII.GetBytes(text), "order.fa", limits ?? FastaLimits.Orders);

    [Fact]
    public void Given_two_records_with_crlf_and_lower_case_When_parsed_Then_ids_and_upper_case_residues_are_kept()
    {
        var records = Parse(">a first one\r\nacgt\r\nAC\r\n\r\n>b\nTTTT\n");
        Assert.Equal(2, records.Count);
        Assert.Equal("a", records[0].Id);
        Assert.Equal("first one", records[0].Description);
        Assert.Equal("ACGTAC", records[0].Residues);
        Assert.Equal("TTTT", records[1].Residues);
    }

    [Theory]
    [InlineData(">a\nACGN\n", "order.fa:2 (byte 6)", "'N'")]
    [InlineData(">a\n>b\nAC\n", "order.fa:1 (byte 0)", "no residues")]
    [InlineData(">a\nAC\n>a\nAC\n", "order.fa:3 (byte 6)", "appears twice")]
    [InlineData("ACGT\n", "order.fa:1 (byte 0)", "before the first '>'")]
    [InlineData("", "order.fa", "no FASTA record")]
    [InlineData(">\nAC\n", "order.fa:1 (byte 0)", "no id")]
    [InlineData(">a\nA\0C\n", "order.fa:2 (byte 4)", "NUL")]
    public void Given_malformed_fasta_When_parsed_Then_it_is_refused_naming_line_and_byte(string text, string where, string problem)
    {
        var error = Assert.Throws<InvalidInputException>(() => Parse(text));
        Assert.Equal(where, error.Errors[0].Where);
        Assert.Contains(problem, error.Errors[0].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_record_longer_than_the_limit_When_parsed_Then_it_is_refused_as_too_long()
    {
        var limits = FastaLimits.Orders with { MaxRecordLength = 10 };
        var error = Assert.Throws<InvalidInputException>(() => Parse(">a\nACGTACGT\nACGT\n", limits));
        Assert.Contains("longer than 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_shared_negative_controls_When_read_Then_ten_pure_dna_records_of_the_stated_lengths_come_back()
    {
        var folder = SharedData.RequireFolder("biosecurity");
        var records = FastaReader.ReadFile(Path.Combine(folder, "negative_controls.fasta"), FastaLimits.References);
        Assert.Equal(10, records.Count);
        Assert.All(records, r => Assert.EndsWith($"length={r.Length}", r.Description, StringComparison.Ordinal));
    }
}
