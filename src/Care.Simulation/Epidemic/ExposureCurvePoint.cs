namespace Care.Simulation.Epidemic;

/// <summary>Notification precision and recall at one risk threshold (weighted minutes).</summary>
public readonly record struct ExposureCurvePoint(double Threshold, double Precision, double Recall);
