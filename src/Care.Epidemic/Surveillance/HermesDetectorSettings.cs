namespace Care.Epidemic.Surveillance;

/// <summary>
/// Settings of <see cref="HermesDetector"/>. Immutable. <see cref="Weekly"/> is the design chosen on the
/// development seeds of <c>care eval outbreaks</c> (docs/validation.md, "Hermes detector"); <see cref="Daily"/>
/// is its daily form for regional counts (a 7-day cycle instead of a 52-week one).
/// </summary>
/// <param name="PeriodLength">Steps per seasonal cycle (52 weeks, or 7 days), ≥ 2.</param>
/// <param name="Harmonics">Fourier pairs of the seasonal cycle in the model, 0–3.</param>
/// <param name="HistoryPeriods">Cycles of history fitted at most (5 years as Noufaily 2013), ≥ 1.</param>
/// <param name="MinimumHistory">Steps of history needed before any decision, ≥ 2 × (columns).</param>
/// <param name="GapSteps">The most recent steps (current one included) left out of the fit, ≥ <paramref name="MaxWindow"/>.</param>
/// <param name="MaxWindow">Longest cumulative window (1 = a single-step test), 1–8.</param>
/// <param name="WeightsThreshold">Anscombe residual above which a past step is down-weighted (Noufaily 2013: 2.58).</param>
public sealed record HermesDetectorSettings(
    int PeriodLength,
    int Harmonics,
    int HistoryPeriods,
    int MinimumHistory,
    int GapSteps,
    int MaxWindow,
    double WeightsThreshold = 2.58)
{
    /// <summary>Weekly counts: 2 annual harmonics, 5 years back, 3-week gap, windows of 1–2 weeks (chosen on development seeds 1 and 2 over windows 1, 2, 3, 5 and gaps 3, 5, 26).</summary>
    public static HermesDetectorSettings Weekly { get; } = new(52, 2, 5, 104, 3, 2);

    /// <summary>Daily counts: a day-of-week cycle (3 harmonics), 8 weeks back, needs 4 weeks, 3-day gap, windows of 1–3 days.</summary>
    public static HermesDetectorSettings Daily { get; } = new(7, 3, 8, 28, 3, 3);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PeriodLength, 2, nameof(PeriodLength));
        ArgumentOutOfRangeException.ThrowIfNegative(Harmonics, nameof(Harmonics));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Harmonics, 3, nameof(Harmonics));
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryPeriods, 1, nameof(HistoryPeriods));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWindow, 1, nameof(MaxWindow));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxWindow, 8, nameof(MaxWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(GapSteps, MaxWindow, nameof(GapSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumHistory, 2 * (2 + (2 * Harmonics)), nameof(MinimumHistory));
        if (!(WeightsThreshold > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightsThreshold), WeightsThreshold, "must be > 0");
        }
    }
}
