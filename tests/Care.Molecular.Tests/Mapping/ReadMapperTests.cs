using Care.Molecular.Mapping;
using Care.Molecular.Mapping.Evaluation;
using Care.Molecular.Sequences;

namespace Care.Molecular.Tests.Mapping;

public sealed class ReadMapperTests
{
    private static readonly string Reference = VerificationEvaluation.Construct(new Random(11), 1500);

    [Fact]
    public void Given_an_exact_read_from_the_reverse_strand_When_mapped_Then_its_reference_span_is_found()
    {
        var read = Dna.ReverseComplement(Reference.AsSpan(400, 150));
        var alignment = new ReadMapper(Reference).Map(read);
        Assert.NotNull(alignment);
        Assert.True(alignment.Value.Reverse);
        Assert.Equal((400, 550), (alignment.Value.ReferenceStart, alignment.Value.ReferenceEnd));
        Assert.Equal(1.0, alignment.Value.Identity);
    }

    [Fact]
    public void Given_a_read_with_a_deleted_base_and_a_substitution_When_mapped_Then_the_banded_alignment_counts_both()
    {
        var chars = Reference.Substring(700, 150).ToCharArray().ToList();
        chars.RemoveAt(60);
        chars[100] = chars[100] == 'A' ? 'C' : 'A';
        var alignment = new ReadMapper(Reference).Map(new string([.. chars]));
        Assert.NotNull(alignment);
        Assert.Equal(1, alignment.Value.Deletions);
        Assert.Equal(1, alignment.Value.Mismatches);
        Assert.Equal(0, alignment.Value.ClippedBases);
        Assert.Equal(700, alignment.Value.ReferenceStart);
    }

    [Fact]
    public void Given_a_chimeric_read_half_foreign_When_mapped_Then_the_foreign_half_is_clipped()
    {
        var foreign = VerificationEvaluation.Construct(new Random(12), 300);
        var read = Reference.Substring(900, 80) + foreign.Substring(100, 80);
        var alignment = new ReadMapper(Reference).Map(read);
        Assert.NotNull(alignment);
        Assert.InRange(alignment.Value.ClippedBases, 70, 80);
        Assert.Equal(900, alignment.Value.ReferenceStart);
    }

    [Fact]
    public void Given_an_unrelated_read_When_mapped_Then_it_does_not_map()
    {
        var foreign = VerificationEvaluation.Construct(new Random(13), 300);
        Assert.Null(new ReadMapper(Reference).Map(foreign.Substring(50, 150)));
    }

    [Fact]
    public void Given_the_same_seed_When_reads_are_simulated_twice_Then_they_are_identical_and_carry_errors()
    {
        var a = new ReadSimulator(ErrorProfile.ShortReads, 5).Simulate([(Reference, 1)], 500);
        var b = new ReadSimulator(ErrorProfile.ShortReads, 5).Simulate([(Reference, 1)], 500);
        Assert.Equal(a.Select(r => r.Bases), b.Select(r => r.Bases));
        Assert.Contains(a, r => r.Qualities.Contains((byte)12));
        Assert.All(a, r => Assert.InRange(r.Bases.Length, ErrorProfile.ShortReads.MinLength - 2, 400));
    }
}
