namespace Care.Cardio.Evaluation;

/// <summary>How a cross-validation chooses an AF detector's setting on the training records.</summary>
public enum AfObjective
{
    /// <summary>
    /// The target's own terms: the most sensitive setting (gross duration Se) whose false AF stays at
    /// or under <see cref="AfLeaveOneOut.FalseAfLimitMinutes"/> on every record without AF, fewer
    /// false AF minutes on a tie; when no setting keeps the limit, the one with the least false AF on
    /// its worst such record.
    /// </summary>
    MostSensitiveWithinFalseAfLimit = 2,

    /// <summary>Fewest misclassified minutes (missed AF plus false AF, summed over the records): the time a burden is wrong by.</summary>
    FewestErrorMinutes = 0,

    /// <summary>Best min(gross duration Se, gross duration +P).</summary>
    BestMinDuration = 1,
}
