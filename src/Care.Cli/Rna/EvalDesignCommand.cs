using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Molecular.Design;

namespace Care.Cli.Rna;

/// <summary>
/// <c>care eval design [--data DIR] [--max-length AA] [--max-loop U] [--beam B] [--json]</c>: designs every protein
/// of <c>design_reference.tsv</c> at its λ and compares with LinearDesign (MFE, CAI under the public
/// Kazusa table, CPU time), per row and in total.
/// </summary>
internal static class EvalDesignCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "RNA reference folder (default: ../shared/data/rna)" };
        var maxLength = new Option<int>("--max-length") { Description = "Design only proteins up to this many residues", DefaultValueFactory = _ => int.MaxValue };
        var maxLoop = new Option<int>("--max-loop") { Description = "Largest interior loop the search builds (0-30)", DefaultValueFactory = _ => 30 };
        var json = CommonOptions.Json();
        var beam = new Option<int>("--beam") { Description = "0 = exact search; B > 0 = beam of B states per position", DefaultValueFactory = _ => 0 };
        var command = new Command("design", "Compare mRNA designs with LinearDesign's on the reference proteins (MFE, CAI, CPU time).") { data, maxLength, maxLoop, beam, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var folder = RnaData.Folder(parse.GetValue(data));
            var designer = new LatticeDesigner(Care.Molecular.Rna.ParameterFileReader.ReadFile(Path.Combine(folder, RnaData.ParameterFileName)), CodonTable.ReadFile(Path.Combine(folder, RnaData.CodonTableName)));
            var proteins = SimpleFasta.ReadFile(Path.Combine(folder, "proteins.fasta")).ToDictionary(r => r.Name, r => r.Sequence, StringComparer.Ordinal);
            var table = TsvTable.Read(Path.Combine(folder, "design_reference.tsv"), "protein_id", "lambda", "lineardesign_mfe", "cai_kazusa_public", "user_cpu_s");
            var rows = new List<Row>();
            foreach (var row in table.Rows)
            {
                cancel.ThrowIfCancellationRequested();
                var id = table.Cell(row, "protein_id");
                if (!proteins.TryGetValue(id, out var protein))
                {
                    throw new Care.Core.Errors.InvalidInputException(table.Path, $"line {row.Line}: protein '{id}' is not in proteins.fasta");
                }
                if (protein.Length > parse.GetValue(maxLength))
                {
                    continue;
                }
                var lambda = double.Parse(table.Cell(row, "lambda"), CultureInfo.InvariantCulture);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var d = designer.Design(protein, new DesignOptions(lambda, parse.GetValue(maxLoop), parse.GetValue(beam)));
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var ldMfe = table.Dcal(row, "lineardesign_mfe") / 100.0;
                var ldCai = double.Parse(table.Cell(row, "cai_kazusa_public"), CultureInfo.InvariantCulture);
                var ldCpu = double.Parse(table.Cell(row, "user_cpu_s"), CultureInfo.InvariantCulture);
                rows.Add(new Row(id, protein.Length, lambda, ldMfe, Math.Round(d.MfeKcalPerMol, 2), ldCai, Math.Round(d.Cai, 4), ldCpu, Math.Round(used, 2),
                    Math.Round(100 * (d.MfeKcalPerMol - ldMfe) / Math.Abs(ldMfe), 2), d.MfeKcalPerMol > ldMfe && d.Cai < ldCai));
                await parse.InvocationConfiguration.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "{0} lambda {1}: {2:F2} kcal/mol (LinearDesign {3:F2}), {4:F1} s", id, lambda, d.MfeKcalPerMol, ldMfe, used));
            }
            var report = new Report(rows,
                rows.Count(r => r.Lambda == 0 && r.Mfe <= r.LinearDesignMfe), rows.Count(r => r.Lambda == 0),
                rows.Count(r => r.Lambda > 0 && !r.DominatedByLinearDesign), rows.Count(r => r.Lambda > 0),
                rows.Count(r => r.CpuSeconds <= r.LinearDesignCpuSeconds));
            await CliOutput.WriteAsync(parse, parse.GetValue(json), report, Print);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal sealed record Row(string Protein, int Residues, double Lambda, double LinearDesignMfe, double Mfe, double LinearDesignCai, double Cai, double LinearDesignCpuSeconds, double CpuSeconds, double MfeGapPercent, bool DominatedByLinearDesign);

    internal sealed record Report(IReadOnlyList<Row> Rows, int Lambda0EqualOrBetter, int Lambda0Rows, int LambdaPositiveNotDominated, int LambdaPositiveRows, int CpuAtMostLinearDesign);

    private static void Print(Report r, TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine("mRNA design against LinearDesign (MFE kcal/mol, Turner 2004 -d0; CAI under the public Kazusa table; CPU s)");
        w.WriteLine("protein                          aa  lambda   LD_mfe     mfe  gap%  LD_cai    cai  LD_cpu     cpu  dominated");
        foreach (var x in r.Rows)
        {
            w.WriteLine(string.Format(c, "{0,-30} {1,4} {2,6:F1} {3,8:F2} {4,8:F2} {5,5:F1} {6,6:F3} {7,6:F3} {8,7:F1} {9,7:F1}  {10}",
                x.Protein, x.Residues, x.Lambda, x.LinearDesignMfe, x.Mfe, x.MfeGapPercent, x.LinearDesignCai, x.Cai, x.LinearDesignCpuSeconds, x.CpuSeconds, x.DominatedByLinearDesign ? "yes" : "no"));
        }
        w.WriteLine(string.Format(c, "lambda 0: MFE equal to or below LinearDesign's {0}/{1}; lambda > 0: not dominated {2}/{3}; CPU at most LinearDesign's {4}/{5}",
            r.Lambda0EqualOrBetter, r.Lambda0Rows, r.LambdaPositiveNotDominated, r.LambdaPositiveRows, r.CpuAtMostLinearDesign, r.Rows.Count));
    }
}
