using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Molecular.Design;

namespace Care.Cli.Rna;

/// <summary>
/// <c>care design mrna --protein SEQ|--fasta FILE --lambda L [--codon-table FILE] [--max-loop U] [--beam B] [--pareto L1,L2,…] [--json]</c>:
/// a coding sequence that folds as stably as possible while keeping a high CAI (LinearDesign's objective).
/// </summary>
internal static class DesignCommand
{
    public static Command Create()
    {
        var protein = new Option<string?>("--protein") { Description = "Protein, one-letter codes (a final * designs a stop codon)" };
        var fasta = new Option<string?>("--fasta") { Description = "Design every protein of this FASTA file instead" };
        var lambda = new Option<double>("--lambda") { Description = "Weight of the codon term: objective = MFE + lambda * sum(-ln w) (kcal/mol); 0 = MFE only", DefaultValueFactory = _ => 0 };
        var table = new Option<string?>("--codon-table") { Description = $"Codon usage CSV (default: {RnaData.CodonTableName} in ../shared/data/rna)" };
        var parameters = new Option<string?>("--parameters") { Description = $"ViennaRNA parameter file (default: {RnaData.ParameterFileName})" };
        var maxLoop = new Option<int>("--max-loop") { Description = "Largest interior loop (unpaired bases) the search builds, 0-30", DefaultValueFactory = _ => 30 };
        var beam = new Option<int>("--beam") { Description = "0 = exact search (memory n^2); B > 0 keeps B states of each kind per position (memory linear in length)", DefaultValueFactory = _ => 0 };
        var pareto = new Option<string?>("--pareto") { Description = "Comma-separated lambdas: print the MFE-CAI front over them in one run" };
        var json = CommonOptions.Json();
        var command = new Command("mrna", "Design an mRNA coding sequence: minimum folding free energy (Turner 2004, no dangles) against codon adaptation (CAI).")
        {
            protein, fasta, lambda, table, parameters, maxLoop, beam, pareto, json,
        };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var inputs = Inputs(parse.GetValue(protein), parse.GetValue(fasta));
            var designer = Designer(parse.GetValue(parameters), parse.GetValue(table));
            var u = parse.GetValue(maxLoop);
            if (u is < 0 or > 30)
            {
                throw new InvalidInputException("--max-loop", $"{u} is not between 0 and 30");
            }
            var width = parse.GetValue(beam);
            if (width is < 0 or > 1_000_000)
            {
                throw new InvalidInputException("--beam", $"{width} is not between 0 and 1000000");
            }
            var lambdas = Lambdas(parse.GetValue(pareto), parse.GetValue(lambda));
            var results = new List<DesignOutput>();
            foreach (var (name, text) in inputs)
            {
                var validated = ProteinSequence.Validate(text, name);
                foreach (var l in lambdas)
                {
                    cancel.ThrowIfCancellationRequested();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var design = designer.Design(validated, new DesignOptions(l, u, width));
                    var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                    results.Add(DesignOutput.Of(name, design, used.TotalSeconds));
                }
            }
            results = MarkDominated(results);
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

    internal static LatticeDesigner Designer(string? parameters, string? table) =>
        new(RnaData.Parameters(parameters, null), CodonTable.ReadFile(string.IsNullOrEmpty(table) ? Path.Combine(RnaData.Folder(null), RnaData.CodonTableName) : table));

    private static List<double> Lambdas(string? pareto, double lambda)
    {
        if (pareto is null)
        {
            return [Check(lambda, "--lambda")];
        }
        var list = new List<double>();
        foreach (var part in pareto.Split(',', StringSplitOptions.TrimEntries))
        {
            list.Add(double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? Check(v, "--pareto") : throw new InvalidInputException("--pareto", $"'{part}' is not a number"));
        }
        return list;
    }

    private static double Check(double lambda, string where) =>
        double.IsFinite(lambda) && lambda >= 0 && lambda <= 1000 ? lambda : throw new InvalidInputException(where, $"lambda {lambda.ToString(CultureInfo.InvariantCulture)} is not between 0 and 1000");

    private static List<(string Name, string Protein)> Inputs(string? protein, string? fasta)
    {
        if (protein is not null && fasta is not null)
        {
            throw new InvalidInputException("design", "give --protein or --fasta, not both");
        }
        if (fasta is not null)
        {
            return SimpleFasta.ReadFile(fasta);
        }
        return string.IsNullOrWhiteSpace(protein) ? throw new InvalidInputException("design", "give --protein SEQ or --fasta FILE") : [("protein", protein)];
    }

    // A design is dominated when another design of the same protein has an MFE at most as high and a CAI at least as high, one strictly.
    private static List<DesignOutput> MarkDominated(List<DesignOutput> results) =>
        [.. results.Select(r => r with
        {
            Dominated = results.Any(o => o.Id == r.Id && o.Mfe <= r.Mfe && o.Cai >= r.Cai && (o.Mfe < r.Mfe || o.Cai > r.Cai)),
        })];

    private static void Print(List<DesignOutput> results, TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        if (results.Count > 1)
        {
            w.WriteLine("id                                 lambda   mfe(kcal/mol)    cai   cpu_s  front");
            foreach (var r in results)
            {
                w.WriteLine(string.Format(c, "{0,-34} {1,6:F2} {2,14:F2} {3,6:F3} {4,7:F1}  {5}", r.Id, r.Lambda, r.Mfe, r.Cai, r.CpuSeconds, r.Dominated ? "dominated" : "yes"));
            }
        }
        foreach (var r in results)
        {
            w.WriteLine(string.Format(c, ">{0} lambda={1} mfe={2:F2} cai={3:F3}", r.Id, r.Lambda, r.Mfe, r.Cai));
            w.WriteLine(r.Mrna);
            w.WriteLine(r.Structure);
        }
    }

    internal sealed record DesignOutput(string Id, string Protein, string Mrna, double Mfe, double Cai, string Structure, double Lambda, double SearchObjective, double CpuSeconds, bool Dominated = false)
    {
        public static DesignOutput Of(string id, MrnaDesign d, double cpu) =>
            new(id, d.Protein, d.Mrna, Math.Round(d.MfeKcalPerMol, 2), Math.Round(d.Cai, 4), d.Structure, d.Lambda, Math.Round(d.SearchObjectiveKcalPerMol, 2), Math.Round(cpu, 2));
    }
}
