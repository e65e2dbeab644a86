using System.CommandLine;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Molecular.Rna;

namespace Care.Cli.Rna;

/// <summary>
/// <c>care fold SEQ|--fasta FILE [--dangles 0|2] [--partition [--min-probability P]] [--json]</c>: the MFE structure of an RNA, as RNAfold computes it;
/// with <c>--partition</c> also the ensemble (McCaskill, as <c>RNAfold -p</c>): ensemble free energy, MFE-structure probability, diversity and the likely pairs.
/// </summary>
internal static class FoldCommand
{
    public static Command Create()
    {
        var sequence = new Argument<string?>("sequence") { Description = "RNA sequence (ACGU; T is read as U)", Arity = ArgumentArity.ZeroOrOne };
        var fasta = new Option<string?>("--fasta") { Description = "Fold every record of this FASTA file instead" };
        var dangles = new Option<int>("--dangles") { Description = "Dangling ends: 2 (RNAfold's default) or 0 (none, LinearDesign's model)", DefaultValueFactory = _ => 2 };
        var parameters = new Option<string?>("--parameters") { Description = $"ViennaRNA parameter file (default: {RnaData.ParameterFileName} in ../shared/data/rna)" };
        var partition = new Option<bool>("--partition") { Description = "Also compute the partition function: ensemble free energy, MFE probability, ensemble diversity, base-pair probabilities" };
        var minProbability = new Option<double>("--min-probability") { Description = "With --partition: list the pairs at least this probable (0-1)", DefaultValueFactory = _ => 0.1 };
        var json = CommonOptions.Json();
        var command = new Command("fold", "Fold an RNA to its minimum-free-energy structure (Turner 2004, as ViennaRNA RNAfold); --partition adds the ensemble (RNAfold -p).") { sequence, fasta, dangles, parameters, partition, minProbability, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var records = Inputs(parse.GetValue(sequence), parse.GetValue(fasta));
            var energy = RnaData.Parameters(parse.GetValue(parameters), null);
            var folder = new MfeFolder(energy);
            var pf = parse.GetValue(partition) ? new PartitionFolder(energy) : null;
            var minimum = parse.GetValue(minProbability);
            if (!(minimum is >= 0 and <= 1))
            {
                throw new InvalidInputException("--min-probability", $"{minimum.ToString(CultureInfo.InvariantCulture)} is not between 0 and 1");
            }
            var mode = RnaData.ParseDangles(parse.GetValue(dangles));
            var results = new List<FoldOutput>();
            foreach (var (name, text) in records)
            {
                cancel.ThrowIfCancellationRequested();
                var encoded = RnaBases.Encode(text, name);
                var fold = folder.Fold(encoded, mode);
                var output = new FoldOutput(name, text.ToUpperInvariant().Replace('T', 'U'), Math.Round(fold.EnergyKcalPerMol, 2), fold.Structure, (int)mode);
                if (pf is not null)
                {
                    var ensemble = pf.Fold(encoded, mode);
                    output = output with
                    {
                        EnsembleFreeEnergy = Math.Round(ensemble.EnsembleFreeEnergyKcalPerMol, 2),
                        MfeProbability = ensemble.MfeStructureProbability,
                        EnsembleDiversity = Math.Round(ensemble.EnsembleDiversity, 2),
                        Pairs = [.. ensemble.Pairs(minimum).Select(x => new PairOutput(x.I, x.J, Math.Round(x.Probability, 6)))],
                    };
                }
                results.Add(output);
            }
            var asJson = parse.GetValue(json);
            if (asJson && results.Count == 1)
            {
                await CliOutput.WriteAsync(parse, true, results[0], (_, _) => { });
            }
            else
            {
                await CliOutput.WriteAsync(parse, asJson, results, Print);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static List<(string Name, string Sequence)> Inputs(string? sequence, string? fasta)
    {
        if (sequence is not null && fasta is not null)
        {
            throw new InvalidInputException("fold", "give a sequence or --fasta, not both");
        }
        if (fasta is not null)
        {
            return SimpleFasta.ReadFile(fasta);
        }
        if (string.IsNullOrWhiteSpace(sequence))
        {
            throw new InvalidInputException("fold", "give a sequence or --fasta FILE");
        }
        return [("sequence", sequence)];
    }

    private static void Print(List<FoldOutput> results, TextWriter w)
    {
        foreach (var r in results)
        {
            if (results.Count > 1)
            {
                w.WriteLine($">{r.Id}");
            }
            w.WriteLine(r.Sequence);
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} ({1,6:F2})", r.Structure, r.Mfe));
            if (r.EnsembleFreeEnergy is { } g)
            {
                w.WriteLine(string.Format(CultureInfo.InvariantCulture, " free energy of ensemble = {0:F2} kcal/mol", g));
                w.WriteLine(string.Format(CultureInfo.InvariantCulture, " frequency of mfe structure in ensemble {0:G6}; ensemble diversity {1:F2}", r.MfeProbability, r.EnsembleDiversity));
                foreach (var p in r.Pairs ?? [])
                {
                    w.WriteLine(string.Format(CultureInfo.InvariantCulture, " pair {0} {1} {2:F4}", p.I, p.J, p.Probability));
                }
            }
        }
    }

    internal sealed record FoldOutput(string Id, string Sequence, double Mfe, string Structure, int Dangles)
    {
        public double? EnsembleFreeEnergy { get; init; }

        public double? MfeProbability { get; init; }

        public double? EnsembleDiversity { get; init; }

        public IReadOnlyList<PairOutput>? Pairs { get; init; }
    }

    internal sealed record PairOutput(int I, int J, double Probability);
}
