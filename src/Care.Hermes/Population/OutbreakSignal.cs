namespace Care.Hermes.Population;

/// <summary>An outbreak signal raised for a region (stored with its <c>OutbreakSignalRaised</c> ledger entry).</summary>
/// <param name="Id">Hermes's signal id (0 before it is stored).</param>
/// <param name="Region">The region.</param>
/// <param name="Day">The UTC day whose count raised it.</param>
/// <param name="Measure">Which count.</param>
/// <param name="Observed">The day's count (raw; the view suppresses it under 10).</param>
/// <param name="Expected">The detector's expectation for the day.</param>
/// <param name="Score">−log10 of the detector's tail probability.</param>
/// <param name="Detector">Detector and threshold, e.g. <c>hermes-daily&gt;3</c>.</param>
/// <param name="RaisedAt">When Hermes raised it.</param>
public sealed record OutbreakSignal(long Id, string Region, DateOnly Day, PopulationMeasure Measure, long Observed, double Expected, double Score, string Detector, DateTimeOffset RaisedAt);
