using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis.Boosting;

namespace Care.Clinical.Sepsis;

/// <summary>Seeded patient-level splits, stratified by whether the stay is septic.</summary>
public static class Folds
{
    /// <summary>
    /// Fold number (0..<paramref name="folds"/>−1) of each patient: septic and non-septic patients are
    /// shuffled separately with <paramref name="seed"/> and dealt round-robin, so a patient is in
    /// exactly one fold and every fold has a similar share of septic stays.
    /// </summary>
    public static int[] Assign(IReadOnlyList<PatientRecord> patients, int folds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(patients);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(folds, patients.Count);
        var fold = new int[patients.Count];
        var rng = new SplitMix64(seed ^ 0xF01D5UL);
        int k = 0;
        foreach (bool septic in new[] { true, false })
        {
            var group = Enumerable.Range(0, patients.Count).Where(p => patients[p].IsSeptic == septic).ToArray();
            rng.Shuffle(group);
            foreach (int p in group)
            {
                fold[p] = k++ % folds;
            }
        }
        return fold;
    }

    internal static (int[] Fit, int[] Holdout) SplitHoldout(IReadOnlyList<PatientRecord> patients, int[] indexes, double fraction, ulong seed)
    {
        var rng = new SplitMix64(seed ^ 0x401D0UL);
        var fit = new List<int>();
        var holdout = new List<int>();
        foreach (bool septic in new[] { true, false })
        {
            var group = indexes.Where(p => patients[p].IsSeptic == septic).ToArray();
            rng.Shuffle(group);
            int take = (int)Math.Round(group.Length * fraction);
            holdout.AddRange(group[..take]);
            fit.AddRange(group[take..]);
        }
        fit.Sort();
        holdout.Sort();
        return ([.. fit], [.. holdout]);
    }
}
