using Care.Clinical.Challenge2019;

namespace Care.Clinical.Sepsis;

/// <summary>The input columns of each <see cref="SepsisInputSet"/> and their names in model files and on the command line.</summary>
public static class SepsisInputs
{
    private static readonly int[] VitalsColumns =
    [
        ChallengeColumns.HR, ChallengeColumns.O2Sat, ChallengeColumns.Temp, ChallengeColumns.SBP,
        ChallengeColumns.MAP, ChallengeColumns.DBP, ChallengeColumns.Resp, ChallengeColumns.Age, ChallengeColumns.Gender,
    ];

    private static readonly bool[] FullMask = [.. Enumerable.Repeat(true, ChallengeColumns.InputCount)];

    private static readonly bool[] VitalsMask = [.. Enumerable.Range(0, ChallengeColumns.InputCount).Select(c => VitalsColumns.Contains(c))];

    private static readonly int[] NoFeatures = [];

    // ICU-workflow features: time since the first row and each column's measurement schedule
    // (hours since last measured, measurements per hour). In the ICU they reflect the length of
    // stay and how often staff measure; a wearable delivers every vital every hour, so they carry
    // no physiology there.
    private static readonly int[] WorkflowFeatures =
    [
        .. Enumerable.Range(0, ChallengeColumns.MeasuredCount)
            .SelectMany(m => new[] { m * SepsisFeatures.PerMeasured + 1, m * SepsisFeatures.PerMeasured + 2 }),
        SepsisFeatures.StaticBlock + 6,
    ];

    /// <summary>The Challenge column indexes (0..39, ascending) that <paramref name="set"/> reads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown set.</exception>
    public static IReadOnlyList<int> Columns(SepsisInputSet set) =>
        [.. Enumerable.Range(0, ChallengeColumns.InputCount).Where(c => Mask(set)[c])];

    /// <summary>Whether <paramref name="set"/> reads Challenge column <paramref name="column"/> (0..39; false outside).</summary>
    public static bool Uses(SepsisInputSet set, int column) =>
        column is >= 0 and < ChallengeColumns.InputCount && Mask(set)[column];

    /// <summary>
    /// Indexes (ascending) of the <see cref="SepsisFeatures"/> that <paramref name="set"/> leaves NaN
    /// whatever the input, so no tree can split on them: none for <see cref="SepsisInputSet.Full"/>;
    /// for <see cref="SepsisInputSet.Vitals"/> the ICU-workflow features <c>HoursInRecord</c> and every
    /// <c>*_hoursSince</c> and <c>*_perHour</c> (length of stay and measurement schedule, which a
    /// wearable's hourly rows do not have).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown set.</exception>
    public static IReadOnlyList<int> ExcludedFeatures(SepsisInputSet set) => set switch
    {
        SepsisInputSet.Full => NoFeatures,
        SepsisInputSet.Vitals => WorkflowFeatures,
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    /// <summary>Lower-case name: <c>full</c> or <c>vitals</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown set.</exception>
    public static string Name(SepsisInputSet set) => set switch
    {
        SepsisInputSet.Full => "full",
        SepsisInputSet.Vitals => "vitals",
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    /// <summary>Parses <c>full</c> or <c>vitals</c> (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? text, out SepsisInputSet set)
    {
        set = SepsisInputSet.Full;
        if (string.Equals(text, "full", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (string.Equals(text, "vitals", StringComparison.OrdinalIgnoreCase))
        {
            set = SepsisInputSet.Vitals;
            return true;
        }
        return false;
    }

    internal static bool[] Mask(SepsisInputSet set) => set switch
    {
        SepsisInputSet.Full => FullMask,
        SepsisInputSet.Vitals => VitalsMask,
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };
}
