using System.Diagnostics;
using Care.Molecular.Rna;

namespace Care.Cli.Rna;

/// <summary>Runs the reference comparisons of <see cref="EvalFoldCommand"/>.</summary>
internal sealed class FoldEvaluation(EnergyParameters parameters)
{
    private readonly StructureEvaluator _evaluator = new(parameters);
    private readonly MfeFolder _folder = new(parameters);

    internal sealed record EnergyRow(string Id, int Length, double ReferenceD2, double OursD2, double ReferenceD0, double OursD0);

    internal sealed record FoldRow(string Id, string Category, int Length, double ReferenceD2, double OursD2, char StructureD2, double ReferenceD0, double OursD0, char StructureD0, long Milliseconds);

    internal sealed record Report(
        IReadOnlyList<EnergyRow> Energies, int EnergyExactD2, int EnergyExactD0, int Loops, int LoopsExact, IReadOnlyList<string> LoopMisses,
        IReadOnlyList<FoldRow> Folds, int MfeExactD2, int MfeExactD0);

    public Report Run(string folder, int maxLength, CancellationToken cancel)
    {
        var energies = new List<EnergyRow>();
        var loopsById = new Dictionary<string, IReadOnlyList<LoopContribution>>(StringComparer.Ordinal);
        var evalTable = TsvTable.Read(Path.Combine(folder, "eval_reference.tsv"), "id", "sequence", "structure", "energy_d2", "energy_d0");
        foreach (var row in evalTable.Rows)
        {
            var id = evalTable.Cell(row, "id");
            var seq = evalTable.Cell(row, "sequence");
            var structure = evalTable.Cell(row, "structure");
            var loops = _evaluator.Loops(seq, structure, Dangles.Double);
            loopsById[id] = loops;
            energies.Add(new EnergyRow(id, seq.Length, evalTable.Dcal(row, "energy_d2") / 100.0, loops.Sum(l => l.EnergyDcalPerMol) / 100.0,
                evalTable.Dcal(row, "energy_d0") / 100.0, _evaluator.Energy(seq, structure, Dangles.None) / 100.0));
        }
        var (loopCount, loopExact, misses) = CompareLoops(Path.Combine(folder, "eval_loops.tsv"), loopsById);
        var folds = new List<FoldRow>();
        var foldTable = TsvTable.Read(Path.Combine(folder, "fold_reference.tsv"), "id", "category", "sequence", "mfe_d2", "structure_d2", "mfe_d0", "structure_d0");
        foreach (var row in foldTable.Rows)
        {
            cancel.ThrowIfCancellationRequested();
            var seq = foldTable.Cell(row, "sequence");
            if (seq.Length > maxLength)
            {
                continue;
            }
            var clock = Stopwatch.StartNew();
            var d2 = _folder.Fold(seq, Dangles.Double);
            var d0 = _folder.Fold(seq, Dangles.None);
            clock.Stop();
            folds.Add(new FoldRow(foldTable.Cell(row, "id"), foldTable.Cell(row, "category"), seq.Length,
                foldTable.Dcal(row, "mfe_d2") / 100.0, d2.EnergyKcalPerMol, Compare(seq, d2, foldTable.Cell(row, "structure_d2"), Dangles.Double),
                foldTable.Dcal(row, "mfe_d0") / 100.0, d0.EnergyKcalPerMol, Compare(seq, d0, foldTable.Cell(row, "structure_d0"), Dangles.None),
                clock.ElapsedMilliseconds));
        }
        return new Report(energies, energies.Count(e => e.ReferenceD2 == e.OursD2), energies.Count(e => e.ReferenceD0 == e.OursD0), loopCount, loopExact, misses,
            folds, folds.Count(f => f.ReferenceD2 == f.OursD2), folds.Count(f => f.ReferenceD0 == f.OursD0));
    }

    private char Compare(string seq, FoldResult ours, string reference, Dangles dangles)
    {
        if (ours.Structure == reference)
        {
            return '=';
        }
        return _evaluator.Energy(seq, reference, dangles) == ours.EnergyDcalPerMol ? 't' : 'x';
    }

    private static (int Count, int Exact, List<string> Misses) CompareLoops(string path, Dictionary<string, IReadOnlyList<LoopContribution>> loopsById)
    {
        var table = TsvTable.Read(path, "id", "loop_type", "i", "j", "k", "l", "energy_dcal_per_mol");
        var count = 0;
        var exact = 0;
        var misses = new List<string>();
        var used = new HashSet<(string, LoopKind, int, int)>();
        foreach (var row in table.Rows)
        {
            count++;
            var id = table.Cell(row, "id");
            var kind = table.Cell(row, "loop_type") switch
            {
                "External loop" => LoopKind.Exterior,
                "Hairpin loop" => LoopKind.Hairpin,
                "Interior loop" => LoopKind.Interior,
                "Multi loop" => LoopKind.Multi,
                var other => throw new Care.Core.Errors.InvalidInputException(path, $"line {row.Line}: unknown loop type '{other}'"),
            };
            var i = kind == LoopKind.Exterior ? 0 : int.Parse(table.Cell(row, "i"), System.Globalization.CultureInfo.InvariantCulture);
            var j = kind == LoopKind.Exterior ? 0 : int.Parse(table.Cell(row, "j"), System.Globalization.CultureInfo.InvariantCulture);
            var expected = int.Parse(table.Cell(row, "energy_dcal_per_mol"), System.Globalization.CultureInfo.InvariantCulture);
            if (!loopsById.TryGetValue(id, out var loops))
            {
                misses.Add($"{id}: not in eval_reference.tsv");
                continue;
            }
            var match = loops.FirstOrDefault(l => l.Kind == kind && l.I == i && l.J == j);
            if (match.Kind == kind && match.I == i && match.J == j && match.EnergyDcalPerMol == expected && used.Add((id, kind, i, j)))
            {
                exact++;
            }
            else
            {
                misses.Add($"{id} {kind} ({i},{j}): reference {expected}, ours {(match.Kind == kind && match.I == i ? match.EnergyDcalPerMol.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}");
            }
        }
        var ours = loopsById.Values.Sum(l => l.Count);
        if (ours != count)
        {
            misses.Add($"loop count: reference {count}, ours {ours}");
        }
        return (count, exact, misses);
    }
}
