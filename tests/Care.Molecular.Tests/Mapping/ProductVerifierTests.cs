using Care.Molecular.Mapping;
using Care.Molecular.Mapping.Evaluation;

namespace Care.Molecular.Tests.Mapping;

public sealed class ProductVerifierTests
{
    private static readonly string Ordered = VerificationEvaluation.Construct(new Random(21), 2000);

    private static ProductVerification Sequence(IReadOnlyList<(string, double)> molecules, int reads, int seed = 1) =>
        ProductVerifier.Verify(Ordered, new ReadSimulator(ErrorProfile.ShortReads, seed).Simulate(molecules, reads), VerificationPolicy.Default);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Given_a_clean_product_When_verified_Then_it_passes_with_every_read_belonging(int seed)
    {
        var result = Sequence([(Ordered, 1)], 3000, seed);
        Assert.True(result.Passed, string.Join("; ", result.Reasons));
        Assert.Equal(0, result.ForeignReads);
        Assert.InRange(result.MeanIdentity, 0.98, 1.0);
    }

    [Fact]
    public void Given_a_product_with_a_second_construct_at_one_percent_When_verified_Then_it_is_quarantined_with_a_foreign_cluster()
    {
        var payload = VerificationEvaluation.Construct(new Random(22), 4200);
        var result = Sequence([(Ordered, 0.99), (payload, 0.01)], 3000);
        Assert.False(result.Passed);
        Assert.True(result.ForeignReads > 20);
        Assert.True(result.Clusters[0].Reads >= 5);
        Assert.Contains(result.Reasons, r => r.Contains("do not belong", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_payload_inserted_into_the_construct_When_verified_Then_junction_reads_are_reported()
    {
        var payload = VerificationEvaluation.Construct(new Random(23), 1000);
        var tampered = Ordered[..1000] + payload + Ordered[1000..];
        var result = Sequence([(tampered, 1)], 3000);
        Assert.False(result.Passed);
        Assert.True(result.Clusters.Sum(c => c.PartlyMapped) > 0);
    }

    [Fact]
    public void Given_a_point_substitution_When_verified_Then_the_variant_is_named_at_its_position()
    {
        var chars = Ordered.ToCharArray();
        chars[1234] = chars[1234] == 'G' ? 'T' : 'G';
        var result = Sequence([(new string(chars), 1)], 3000);
        Assert.False(result.Passed);
        var variant = Assert.Single(result.Variants);
        Assert.Equal(1234, variant.Position);
        Assert.Equal(chars[1234], variant.Found);
    }

    [Fact]
    public void Given_a_truncated_product_When_verified_Then_the_missing_tail_is_reported()
    {
        var result = Sequence([(Ordered[..1600], 1)], 3000);
        Assert.False(result.Passed);
        Assert.Contains(result.MissingRanges, m => m.Start >= 1590 && m.Start <= 1600 && m.End == Ordered.Length);
    }

    [Fact]
    public void Given_too_few_reads_When_verified_Then_the_run_is_inconclusive_and_fails_closed()
    {
        var result = Sequence([(Ordered, 1)], 100);
        Assert.False(result.Passed);
        Assert.Contains(result.Reasons, r => r.Contains("inconclusive", StringComparison.Ordinal));
    }
}
