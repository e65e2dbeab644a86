namespace Care.Epidemic.Surveillance;

/// <summary>
/// One detector on one series, scored against outbreak labels and against the R reference.
/// </summary>
/// <param name="Series">Series name.</param>
/// <param name="Algorithm">Detector name (<c>C1</c>, <c>C2</c>, <c>C3</c>, <c>CUSUM</c>).</param>
/// <param name="AlarmWeeks">1-based weeks with an alarm.</param>
/// <param name="Sensitivity">Labelled outbreak weeks (in range) with an alarm / labelled weeks; NaN without labels.</param>
/// <param name="Specificity">Unlabelled weeks without an alarm / unlabelled weeks (in range).</param>
/// <param name="Timeliness">Mean over outbreaks of the fraction of the outbreak elapsed before its first alarm (1 = missed; lower is better); NaN without outbreaks.</param>
/// <param name="ReferenceWeeks">Weeks with an R reference row.</param>
/// <param name="AgreeingWeeks">Of those, weeks with the same alarm (NA = NA) and the same bound within 1e-6 relative (NA = NA).</param>
/// <param name="Disagreements">The weeks that disagree.</param>
public sealed record DetectorScore(
    string Series,
    string Algorithm,
    IReadOnlyList<int> AlarmWeeks,
    double Sensitivity,
    double Specificity,
    double Timeliness,
    int ReferenceWeeks,
    int AgreeingWeeks,
    IReadOnlyList<int> Disagreements)
{
    /// <summary>Agreeing / reference weeks; NaN without reference.</summary>
    public double Agreement => ReferenceWeeks == 0 ? double.NaN : (double)AgreeingWeeks / ReferenceWeeks;
}
