using System.CommandLine;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Molecular.Rna;

namespace Care.Cli.Rna;

/// <summary>
/// <c>care eval fold [--data DIR] [--max-length N] [--json]</c>: the energy model against
/// <c>RNAeval</c> (<c>eval_reference.tsv</c>, <c>eval_loops.tsv</c>) and the folder against
/// <c>RNAfold</c> (<c>fold_reference.tsv</c>), both dangle modes, per row and in total.
/// </summary>
internal static class EvalFoldCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "RNA reference folder (default: ../shared/data/rna)" };
        var maxLength = new Option<int>("--max-length") { Description = "Fold only sequences up to this length (default: all)", DefaultValueFactory = _ => int.MaxValue };
        var json = CommonOptions.Json();
        var command = new Command("fold", "Score the energy model against RNAeval and MFE folding against RNAfold (Turner 2004, dangles 2 and 0).") { data, maxLength, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var folder = RnaData.Folder(parse.GetValue(data));
            var parameters = ParameterFileReader.ReadFile(Path.Combine(folder, RnaData.ParameterFileName));
            var report = new FoldEvaluation(parameters).Run(folder, parse.GetValue(maxLength), cancel);
            await CliOutput.WriteAsync(parse, parse.GetValue(json), report, Print);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(FoldEvaluation.Report r, TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine("Energy evaluation against RNAeval (eval_reference.tsv), kcal/mol");
        w.WriteLine("id                                           len   ref_d2    ours_d2  ref_d0    ours_d0");
        foreach (var e in r.Energies)
        {
            w.WriteLine(string.Format(c, "{0,-44} {1,4} {2,8:F2} {3,8:F2}{4} {5,8:F2} {6,8:F2}{7}", e.Id, e.Length, e.ReferenceD2, e.OursD2, e.ReferenceD2 == e.OursD2 ? " " : "*", e.ReferenceD0, e.OursD0, e.ReferenceD0 == e.OursD0 ? " " : "*"));
        }
        w.WriteLine(string.Format(c, "energies exact (0.01 kcal/mol): d2 {0}/{2}, d0 {1}/{2}", r.EnergyExactD2, r.EnergyExactD0, r.Energies.Count));
        w.WriteLine(string.Format(c, "loops exact (eval_loops.tsv, d2): {0}/{1} in {2} structures", r.LoopsExact, r.Loops, r.Energies.Count));
        foreach (var miss in r.LoopMisses.Take(20))
        {
            w.WriteLine($"  loop miss: {miss}");
        }
        w.WriteLine();
        w.WriteLine("MFE folding against RNAfold (fold_reference.tsv), kcal/mol; structure: = same, t = tie (different structure, same energy), x = different");
        w.WriteLine("id                          category         len   ref_d2   ours_d2 s   ref_d0   ours_d0 s     ms");
        foreach (var f in r.Folds)
        {
            w.WriteLine(string.Format(c, "{0,-27} {1,-15} {2,5} {3,8:F2} {4,8:F2}{5} {6} {7,8:F2} {8,8:F2}{9} {10} {11,6}",
                f.Id, f.Category, f.Length, f.ReferenceD2, f.OursD2, f.ReferenceD2 == f.OursD2 ? " " : "*", f.StructureD2, f.ReferenceD0, f.OursD0, f.ReferenceD0 == f.OursD0 ? " " : "*", f.StructureD0, f.Milliseconds));
        }
        w.WriteLine(string.Format(c, "MFE exact: d2 {0}/{2}, d0 {1}/{2}", r.MfeExactD2, r.MfeExactD0, r.Folds.Count));
        w.WriteLine(string.Format(c, "structures: d2 same {0}, tie {1}, different {2}; d0 same {3}, tie {4}, different {5}",
            r.Folds.Count(f => f.StructureD2 == '='), r.Folds.Count(f => f.StructureD2 == 't'), r.Folds.Count(f => f.StructureD2 == 'x'),
            r.Folds.Count(f => f.StructureD0 == '='), r.Folds.Count(f => f.StructureD0 == 't'), r.Folds.Count(f => f.StructureD0 == 'x')));
        w.WriteLine(string.Format(c, "folding time (both modes, this machine, single thread): {0:F1} s", r.Folds.Sum(f => f.Milliseconds) / 1000.0));
    }
}
