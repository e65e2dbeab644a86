namespace Care.Clinical.Sepsis;

/// <summary>One row of a calibration table: hours whose predicted probability lies in [From, To).</summary>
/// <param name="From">Lower bound of the predicted probability.</param>
/// <param name="To">Upper bound (exclusive, except 1).</param>
/// <param name="Hours">Patient-hours in the row.</param>
/// <param name="MeanPredicted">Mean predicted probability.</param>
/// <param name="Observed">Observed rate of label-positive hours.</param>
public sealed record CalibrationRow(double From, double To, long Hours, double MeanPredicted, double Observed);
