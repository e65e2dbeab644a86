using Care.Metabolic.Patients;

namespace Care.Simulation.Demo;

/// <summary>What the demo simulates.</summary>
/// <param name="Wearers">Number of wearers (1–10,000).</param>
/// <param name="Days">Simulated days (1–365).</param>
/// <param name="Seed">Seed for every random draw; the same seed gives the same physiology.</param>
/// <param name="Start">First simulated instant (UTC, whole minute).</param>
/// <param name="RunId">Short tag that makes this run's wearer ids unique in a shared database.</param>
public sealed record DemoSettings(int Wearers, int Days, int Seed, DateTimeOffset Start, string RunId)
{
    /// <summary>
    /// The T1D virtual cohort; when set, <see cref="DiabeticShare"/> of the wearers are diabetic (bodies
    /// from the cohort in turn, insulin from their patch's loop). Null: no diabetic wearers.
    /// </summary>
    public VirtualCohort? Cohort { get; init; }

    /// <summary>Share of wearers who are diabetic when a <see cref="Cohort"/> is given (0–1; default 0.2, every 5th).</summary>
    public double DiabeticShare { get; init; } = 0.2;

    /// <summary>True when wearer <paramref name="index"/> (0-based) is diabetic: the share spread evenly, every 5th at 0.2.</summary>
    public bool IsDiabetic(int index) =>
        Cohort is not null && Math.Floor((index + 1) * DiabeticShare + 1e-9) > Math.Floor(index * DiabeticShare + 1e-9);

    /// <summary>
    /// Share of wearers whose patch records ECG in a daily window (0–1; default 0.1, every 10th):
    /// ECG at 250 Hz is 15,000 samples a minute, so the default demo keeps it to a few wearers and an hour a day.
    /// </summary>
    public double EcgShare { get; init; } = 0.1;

    /// <summary>Hours of ECG per day for ECG wearers, from 02:00 UTC (above 0, at most <see cref="Ecg.EcgWearer.MaxHoursPerDay"/>; default 1).</summary>
    public double EcgHoursPerDay { get; init; } = 1;

    /// <summary>True when wearer <paramref name="index"/> (0-based) records ECG: the share spread evenly, every 10th at 0.1.</summary>
    public bool HasEcg(int index) =>
        Math.Floor((index + 1) * EcgShare + 1e-9) > Math.Floor(index * EcgShare + 1e-9);

    /// <summary>
    /// What a diabetic wearer's new patch knows at a swap (default <see cref="LearnedStateMode.Transfer"/>:
    /// the old patch's learned state, sealed and moved as in the field, ADR 0018).
    /// </summary>
    public LearnedStateMode LearnedState { get; init; } = LearnedStateMode.Transfer;

    /// <summary>Checks the ranges; throws <see cref="ArgumentOutOfRangeException"/> naming the setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Wearers, 1, nameof(Wearers));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Wearers, 10_000, nameof(Wearers));
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Days, 365, nameof(Days));
        if (!(DiabeticShare is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DiabeticShare), DiabeticShare, "must be 0 to 1");
        }
        if (!(EcgShare is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(EcgShare), EcgShare, "must be 0 to 1");
        }
        if (!(EcgHoursPerDay > 0 && EcgHoursPerDay <= Ecg.EcgWearer.MaxHoursPerDay))
        {
            throw new ArgumentOutOfRangeException(nameof(EcgHoursPerDay), EcgHoursPerDay, $"must be above 0 and at most {Ecg.EcgWearer.MaxHoursPerDay}");
        }
    }
}
