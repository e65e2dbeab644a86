namespace Care.Epidemic.Surveillance;

/// <summary>One week's output of an outbreak detector.</summary>
/// <param name="WeekIndex">1-based index of the week in its series.</param>
/// <param name="Observed">Count observed that week (cases).</param>
/// <param name="UpperBound">Threshold in cases; NaN when undefined (e.g. a zero-variance baseline for EARS C3).</param>
/// <param name="Alarm">True/false, or null when undefined (as R's <c>NA</c>): never counted as an alarm.</param>
public readonly record struct DetectionWeek(int WeekIndex, int Observed, double UpperBound, bool? Alarm);
