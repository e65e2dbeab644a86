using Care.Core.Errors;
using Care.Molecular.Screening;
using Care.Molecular.Screening.Evaluation;
using Care.Molecular.Sequences;
using Care.Testing;

namespace Care.Molecular.Tests.Screening;

public sealed class OrderScreenerTests
{
    private static readonly IReadOnlyList<ConcernEntry> Entries = SyntheticConcerns.Generate(seed: 7, count: 50);
    private static readonly ConcernDatabase Database = ConcernDatabase.Build(Entries, ScreeningPolicy.Default);

    [Fact]
    public void Given_an_exact_60_nt_fragment_on_the_reverse_strand_When_screened_Then_it_is_flagged_with_the_entry_and_window_named()
    {
        var gene = Entries[3].CodingDna;
        var order = "GATTACA" + Dna.ReverseComplement(gene.AsSpan(100, 60)) + "GATTACA";
        var result = new OrderScreener(Database).Screen(order);
        Assert.True(result.Flagged);
        Assert.Equal([Entries[3].Id], result.FlaggedEntries);
        var hit = result.Hits.First(h => h.Kind == HitKind.Dna);
        Assert.Equal(-1, hit.Frame);
        // Windows tolerate mismatches, so a run may extend over flank bases that match by chance (at most a few).
        Assert.InRange(hit.OrderStart, 0, 7);
        Assert.InRange(hit.OrderEnd, 67, 74);
        Assert.Equal(hit.OrderEnd - hit.OrderStart, hit.EntryEnd - hit.EntryStart);
        Assert.InRange(hit.EntryStart, 93, 100);
        Assert.Contains("reverse strand", hit.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_45_nt_fragment_When_screened_Then_it_is_below_the_flag_length_but_its_hit_is_kept()
    {
        var result = new OrderScreener(Database).Screen(Entries[5].CodingDna.Substring(30, 45));
        Assert.False(result.Flagged);
        Assert.NotEmpty(result.Hits);
    }

    [Fact]
    public void Given_a_codon_shuffled_recoding_When_screened_Then_protein_windows_flag_it_though_dna_windows_do_not()
    {
        var recoded = EvasionSuite.Recode(new Random(1), Entries[9].CodingDna);
        var result = new OrderScreener(Database).Screen(recoded);
        Assert.True(result.Flagged);
        Assert.Contains(result.Hits, h => h.Kind == HitKind.Protein && h.Frame == 1 && h.LengthNt >= 300);
    }

    [Fact]
    public void Given_a_gene_with_8_percent_point_mutations_When_screened_Then_it_is_flagged()
    {
        var mutated = EvasionSuite.Mutate(new Random(2), Entries[11].CodingDna, 0.08);
        Assert.NotEqual(Entries[11].CodingDna, mutated);
        Assert.True(new OrderScreener(Database).Screen(mutated).Flagged);
    }

    [Fact]
    public void Given_a_gene_split_in_five_orders_When_one_customer_orders_them_Then_a_later_order_is_flagged_by_aggregation_and_another_customer_is_not()
    {
        var gene = Entries[12].CodingDna;
        var customers = new CustomerScreening(Database);
        var pieces = Enumerable.Range(0, 5).Select(i => gene.Substring(i * 40, 40)).ToList();
        var decisions = pieces.Select(p => customers.Screen("mallory", p)).ToList();
        Assert.All(decisions, d => Assert.False(d.Order.Flagged));
        Assert.False(decisions[0].Flagged);
        Assert.True(decisions[1].Flagged);
        Assert.Equal([Entries[12].Id], decisions[1].AggregatedEntries);
        Assert.False(customers.Screen("alice", pieces[0]).Flagged);
    }

    [Fact]
    public void Given_random_dna_When_screened_Then_nothing_is_flagged()
    {
        var random = new Random(3);
        var order = new string([.. Enumerable.Range(0, 20_000).Select(_ => "ACGT"[random.Next(4)])]);
        Assert.False(new OrderScreener(Database).Screen(order).Flagged);
    }

    [Theory]
    [InlineData("", "order", "empty")]
    [InlineData("ACGTNACGT", "order byte 4", "'N'")]
    public void Given_a_malformed_order_When_screened_Then_it_is_refused_naming_where(string order, string where, string problem)
    {
        var error = Assert.Throws<InvalidInputException>(() => new OrderScreener(Database).Screen(order));
        Assert.Equal(where, error.Errors[0].Where);
        Assert.Contains(problem, error.Errors[0].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_every_benign_control_When_screened_against_a_500_entry_database_Then_none_is_flagged()
    {
        var folder = SharedData.RequireFolder("biosecurity");
        var controls = FastaReader.ReadFile(Path.Combine(folder, "negative_controls.fasta"), FastaLimits.References);
        var screener = new OrderScreener(ConcernDatabase.Build(SyntheticConcerns.Generate(2026, 500), ScreeningPolicy.Default));
        Assert.All(controls, c => Assert.False(screener.Screen(c.Residues).Flagged, c.Id));
    }

    [Fact]
    public void Given_overlapping_intervals_When_their_union_is_measured_Then_overlaps_count_once()
    {
        Assert.Equal(25, OrderScreener.UnionLength([(0, 10), (5, 15), (20, 30)]));
        Assert.Equal(0, OrderScreener.UnionLength([]));
    }
}
