using Care.Cardio.Rhythm;

namespace Care.Cardio.Evaluation;

/// <summary>
/// An AF detection method with the settings a cross-validation may choose among.
/// </summary>
/// <param name="Name">Short name, as printed.</param>
/// <param name="Description">What the method does, one line.</param>
/// <param name="Settings">The settings, as printed (one at least; one means nothing is chosen).</param>
/// <param name="Create">Creates a fresh detector for the setting at an index of <paramref name="Settings"/>.</param>
public sealed record AfCandidate(string Name, string Description, IReadOnlyList<string> Settings, Func<int, IAfDetector> Create)
{
    /// <summary>Successive-difference thresholds tried, fractions of the median RR.</summary>
    public static IReadOnlyList<double> DifferenceGrid { get; } = [0.04, 0.06, 0.08, 0.10, 0.12, 0.15];

    /// <summary>Irregular-fraction thresholds tried.</summary>
    public static IReadOnlyList<double> FractionGrid { get; } = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85];

    /// <summary>The candidates reported by <c>care eval af --loo</c>, in order.</summary>
    public static IReadOnlyList<AfCandidate> All { get; } =
    [
        new("window-rules", "round-1 detector: lag 1-3 irregularity, ectopic pairs by RR, turning points, entropy, P-wave veto (fixed)", ["fixed"], _ => new AfDetector()),
        Irregularity("irregularity", "fraction of irregular successive RR differences, bigeminy suppression", skipV: false, atrial: false),
        Irregularity("irregularity+V", "the same with intervals touching a beat classed V left out", skipV: true, atrial: false),
        Irregularity("irregularity+P", "irregularity with the P-wave veto", skipV: false, atrial: true),
        Irregularity("irregularity+V+P", "intervals touching V beats left out, and the P-wave veto", skipV: true, atrial: true),
        Irregularity("irregularity+V+P+pairs", "as irregularity+V+P, and premature-compensatory RR pairs left out", skipV: true, atrial: true, pairs: true),
    ];

    /// <summary>The settings of an irregularity candidate, in grid order (difference threshold outer, fraction inner).</summary>
    public static IReadOnlyList<IrregularityAfSettings> Grid(bool skipV, bool atrial, bool pairs = false) =>
        [.. DifferenceGrid.SelectMany(d => FractionGrid.Select(f => new IrregularityAfSettings(d, f, skipV, atrial, pairs)))];

    private static AfCandidate Irregularity(string name, string description, bool skipV, bool atrial, bool pairs = false)
    {
        var grid = Grid(skipV, atrial, pairs);
        return new AfCandidate(
            name,
            description,
            [.. grid.Select(s => FormattableString.Invariant($"d>{s.DifferenceThreshold:0.00}, f>{s.AfFraction:0.00}"))],
            i => new IrregularityAfDetector(grid[i]));
    }
}
