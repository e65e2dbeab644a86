using Care.Molecular.Sequences;
using Care.Testing;

namespace Care.Molecular.Tests.Sequences;

public sealed class TranslationTests
{
    [Fact]
    public void Given_the_standard_code_When_every_codon_is_translated_Then_there_are_three_stops_and_61_sense_codons()
    {
        var all = GeneticCode.CodonsOf('*').Count;
        Assert.Equal(3, all);
        Assert.Equal(["TAA", "TAG", "TGA"], GeneticCode.CodonsOf('*').Order());
        Assert.Equal(61, "ACDEFGHIKLMNPQRSTVWY".Sum(aa => GeneticCode.CodonsOf(aa).Count));
        Assert.Equal('M', GeneticCode.Translate('A', 'T', 'G'));
        Assert.Equal('W', GeneticCode.Translate('T', 'G', 'G'));
    }

    [Fact]
    public void Given_human_insulin_cds_When_translated_Then_it_is_uniprot_P01308()
    {
        var folder = SharedData.RequireFolder("biosecurity");
        var cds = FastaReader.ReadFile(Path.Combine(folder, "human_INS_CDS_NM_000207.fasta"), FastaLimits.References)[0].Residues;
        const string P01308 = "MALWMRLLPLLALLALWGPDPAAAFVNQHLCGSHLVEALYLVCGERGFFYTPKTRREAEDLQVGQVELGGGPGAGSLQPLALEGSLQKRGIVEQCCTSICSLYQLENYCN";
        Assert.Equal(P01308 + "*", GeneticCode.Translate(cds));
    }

    [Fact]
    public void Given_a_gene_on_the_reverse_strand_When_six_frames_are_translated_Then_frame_minus_one_reads_it()
    {
        const string gene = "ATGGCTTGGAAACGTTAA";
        var order = "C" + Dna.ReverseComplement(gene);
        var frames = SixFrames.Translate(order);
        Assert.Equal([1, 2, 3, -1, -2, -3], frames.Select(f => f.Frame));
        Assert.Equal("MAWKR*", frames[3].Protein);
        Assert.Equal(1, SixFrames.ForwardOffset(-1, 5, order.Length));
        Assert.Equal(gene, Dna.ReverseComplement(Dna.ReverseComplement(gene)));
    }
}
