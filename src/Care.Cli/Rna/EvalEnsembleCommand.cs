using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Molecular.Rna;

namespace Care.Cli.Rna;

/// <summary>
/// <c>care eval ensemble [--data DIR] [--max-length N] [--json]</c>: McCaskill's partition function
/// against <c>RNAfold -p</c> (<c>fold_reference.tsv</c>: ensemble free energy, MFE-structure
/// probability, ensemble diversity; dangles 2), per row and in total.
/// </summary>
internal static class EvalEnsembleCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "RNA reference folder (default: ../shared/data/rna)" };
        var maxLength = new Option<int>("--max-length") { Description = "Only sequences up to this length (default: all rows with a reference)", DefaultValueFactory = _ => int.MaxValue };
        var json = CommonOptions.Json();
        var command = new Command("ensemble", "Score the partition function (ensemble free energy, MFE probability, diversity) against RNAfold -p.") { data, maxLength, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var folder = RnaData.Folder(parse.GetValue(data));
            var pf = new PartitionFolder(ParameterFileReader.ReadFile(Path.Combine(folder, RnaData.ParameterFileName)));
            var table = TsvTable.Read(Path.Combine(folder, "fold_reference.tsv"), "id", "sequence", "ensemble_free_energy_d2", "mfe_structure_probability", "ensemble_diversity");
            var rows = new List<Row>();
            foreach (var row in table.Rows)
            {
                cancel.ThrowIfCancellationRequested();
                var sequence = table.Cell(row, "sequence");
                var refG = table.Cell(row, "ensemble_free_energy_d2");
                if (refG.Length == 0 || sequence.Length > parse.GetValue(maxLength))
                {
                    continue;
                }
                var clock = Stopwatch.StartNew();
                var r = pf.Fold(sequence, Dangles.Double);
                var g = double.Parse(refG, CultureInfo.InvariantCulture);
                var p = double.Parse(table.Cell(row, "mfe_structure_probability"), CultureInfo.InvariantCulture);
                var d = double.Parse(table.Cell(row, "ensemble_diversity"), CultureInfo.InvariantCulture);
                rows.Add(new Row(table.Cell(row, "id"), sequence.Length, g, Math.Round(r.EnsembleFreeEnergyKcalPerMol, 4), p, Math.Round(r.MfeStructureProbability, 6), d, Math.Round(r.EnsembleDiversity, 4),
                    Math.Abs(r.EnsembleFreeEnergyKcalPerMol - g) <= 0.01 + 1e-9, clock.ElapsedMilliseconds));
            }
            var report = new Report(rows, rows.Count(r => r.EnergyWithin001),
                rows.Count == 0 ? 0 : rows.Max(r => Math.Abs(r.EnsembleFreeEnergy - r.ReferenceEnsembleFreeEnergy)),
                rows.Count == 0 ? 0 : rows.Max(r => Math.Abs(r.MfeProbability - r.ReferenceMfeProbability)),
                rows.Count == 0 ? 0 : rows.Max(r => Math.Abs(r.Diversity - r.ReferenceDiversity)));
            await CliOutput.WriteAsync(parse, parse.GetValue(json), report, Print);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal sealed record Row(string Id, int Length, double ReferenceEnsembleFreeEnergy, double EnsembleFreeEnergy, double ReferenceMfeProbability, double MfeProbability, double ReferenceDiversity, double Diversity, bool EnergyWithin001, long Milliseconds);

    internal sealed record Report(IReadOnlyList<Row> Rows, int EnergyWithin001, double MaxEnergyError, double MaxMfeProbabilityError, double MaxDiversityError);

    private static void Print(Report r, TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine("Partition function against RNAfold -p (dangles 2): ensemble free energy kcal/mol, MFE-structure probability, ensemble diversity");
        w.WriteLine("id                           len    ref_G      G  ref_p_mfe    p_mfe  ref_div    div     ms");
        foreach (var x in r.Rows)
        {
            w.WriteLine(string.Format(c, "{0,-27} {1,5} {2,8:F2} {3,8:F3}{4} {5,8:F6} {6,8:F6} {7,6:F2} {8,6:F2} {9,6}",
                x.Id, x.Length, x.ReferenceEnsembleFreeEnergy, x.EnsembleFreeEnergy, x.EnergyWithin001 ? " " : "*", x.ReferenceMfeProbability, x.MfeProbability, x.ReferenceDiversity, x.Diversity, x.Milliseconds));
        }
        w.WriteLine(string.Format(c, "ensemble free energy within 0.01 kcal/mol: {0}/{1} (largest error {2:F4}); largest MFE-probability error {3:F6}; largest diversity error {4:F3}",
            r.EnergyWithin001, r.Rows.Count, r.MaxEnergyError, r.MaxMfeProbabilityError, r.MaxDiversityError));
    }
}
