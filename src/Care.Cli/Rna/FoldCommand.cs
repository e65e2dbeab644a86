using System.CommandLine;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Molecular.Rna;

namespace Care.Cli.Rna;

/// <summary><c>care fold SEQ|--fasta FILE [--dangles 0|2] [--json]</c>: the MFE structure of an RNA, as RNAfold computes it.</summary>
internal static class FoldCommand
{
    public static Command Create()
    {
        var sequence = new Argument<string?>("sequence") { Description = "RNA sequence (ACGU; T is read as U)", Arity = ArgumentArity.ZeroOrOne };
        var fasta = new Option<string?>("--fasta") { Description = "Fold every record of this FASTA file instead" };
        var dangles = new Option<int>("--dangles") { Description = "Dangling ends: 2 (RNAfold's default) or 0 (none, LinearDesign's model)", DefaultValueFactory = _ => 2 };
        var parameters = new Option<string?>("--parameters") { Description = $"ViennaRNA parameter file (default: {RnaData.ParameterFileName} in ../shared/data/rna)" };
        var json = CommonOptions.Json();
        var command = new Command("fold", "Fold an RNA to its minimum-free-energy structure (Turner 2004, as ViennaRNA RNAfold).") { sequence, fasta, dangles, parameters, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var records = Inputs(parse.GetValue(sequence), parse.GetValue(fasta));
            var folder = new MfeFolder(RnaData.Parameters(parse.GetValue(parameters), null));
            var mode = RnaData.ParseDangles(parse.GetValue(dangles));
            var results = new List<FoldOutput>();
            foreach (var (name, text) in records)
            {
                cancel.ThrowIfCancellationRequested();
                var fold = folder.Fold(RnaBases.Encode(text, name), mode);
                results.Add(new FoldOutput(name, text.ToUpperInvariant().Replace('T', 'U'), Math.Round(fold.EnergyKcalPerMol, 2), fold.Structure, (int)mode));
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
        }
    }

    internal sealed record FoldOutput(string Id, string Sequence, double Mfe, string Structure, int Dangles);
}
