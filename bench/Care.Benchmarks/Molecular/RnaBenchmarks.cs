using BenchmarkDotNet.Attributes;
using Care.Molecular.Design;
using Care.Molecular.Rna;

namespace Care.Benchmarks.Molecular;

/// <summary>
/// Issue 20's speed figures: MFE folding of a 1,600-nt sequence (RNAfold 1.75–2.0 s on this kind of
/// machine), its partition function, and mRNA design of preproinsulin (110 aa; LinearDesign 7.3 CPU s).
/// Inputs are read from ../shared/data/rna (or $CARE_SHARED_DATA/rna).
/// Run: dotnet run -c Release --project bench/Care.Benchmarks -- --filter '*RnaBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class RnaBenchmarks
{
    private MfeFolder _folder = null!;
    private PartitionFolder _partition = null!;
    private LatticeDesigner _designer = null!;
    private string _sequence = "";
    private string _insulin = "";

    [GlobalSetup]
    public void Setup()
    {
        var folder = Folder();
        var parameters = ParameterFileReader.ReadFile(Path.Combine(folder, "rna_turner2004_stackfix.par"));
        _folder = new MfeFolder(parameters);
        _partition = new PartitionFolder(parameters);
        _designer = new LatticeDesigner(parameters, CodonTable.ReadFile(Path.Combine(folder, "codon_usage_human_kazusa.csv")));
        _sequence = File.ReadLines(Path.Combine(folder, "fold_reference.tsv")).Select(l => l.Split('\t')).First(r => r[0] == "rand_uniform_L1600_01")[4];
        var lines = File.ReadAllLines(Path.Combine(folder, "proteins.fasta"));
        var start = Array.FindIndex(lines, l => l.StartsWith(">INS_HUMAN_preproinsulin", StringComparison.Ordinal));
        _insulin = string.Concat(lines.Skip(start + 1).TakeWhile(l => !l.StartsWith('>')).Select(l => l.Trim()));
        Console.WriteLine($"// fold: {_sequence.Length} nt; design: {_insulin.Length} aa");
    }

    [Benchmark]
    public int Fold1600ntDangles2() => _folder.Fold(_sequence, Dangles.Double).EnergyDcalPerMol;

    [Benchmark]
    public double Partition1600ntDangles2() => _partition.Fold(_sequence, Dangles.Double).EnsembleFreeEnergyKcalPerMol;

    [Benchmark]
    public double DesignInsulinExactLambda0() => _designer.Design(_insulin, new DesignOptions(0, 30, 0)).MfeKcalPerMol;

    [Benchmark]
    public double DesignInsulinBeam400Lambda0() => _designer.Design(_insulin, new DesignOptions(0, 30, 400)).MfeKcalPerMol;

    private static string Folder()
    {
        var env = Environment.GetEnvironmentVariable("CARE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "rna")))
        {
            return Path.Combine(env, "rna");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "rna");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/data/rna not found above the benchmark; set CARE_SHARED_DATA");
    }
}
