namespace Care.Epidemic.World;

/// <summary>
/// Parameters of the agent-based SEIR world (see ADR 0010, 2026-12-05 section, for the sources of each
/// number). Immutable; defaults are the 100,000 agents over 60 days. Times in days unless named.
/// </summary>
/// <param name="Agents">Population size, ≥ 100.</param>
/// <param name="Days">Days simulated, ≥ 1.</param>
/// <param name="Seed">Seed of every random draw (same seed, same world).</param>
/// <param name="InitialInfections">Agents infected (exposed) on day 0.</param>
/// <param name="TransmissionPerHour">β: infection hazard per hour of contact at 1 m with a fully infectious person at symptom onset (0.3: cases double about every 5 days early on, R ≈ 2, set on growth alone before any tracing figure).</param>
/// <param name="AsymptomaticFraction">Share of infections that never show symptoms (≈ 0.35, Buitrago-Garcia et al. 2020 meta-analysis range 0.2–0.4).</param>
/// <param name="AsymptomaticInfectiousness">Relative infectiousness of asymptomatic cases (≈ 0.5; Byambasuren et al. 2020).</param>
/// <param name="TestedFraction">Share of symptomatic cases that get tested and diagnosed.</param>
/// <param name="UploadFraction">Share of diagnosed wearers who consent to publish their keys.</param>
/// <param name="RandomContactsPerDay">Mean community contacts per agent per day (Poisson).</param>
/// <param name="TransitRiderFraction">Share of workers who commute by public transit.</param>
/// <param name="QuarantineDays">Days a notified or diagnosed agent keeps to the household.</param>
public sealed record EpidemicSettings(
    int Agents = 100_000,
    int Days = 60,
    int Seed = 1,
    int InitialInfections = 30,
    double TransmissionPerHour = 0.3,
    double AsymptomaticFraction = 0.35,
    double AsymptomaticInfectiousness = 0.5,
    double TestedFraction = 0.7,
    double UploadFraction = 0.9,
    double RandomContactsPerDay = 2.0,
    double TransitRiderFraction = 0.3,
    int QuarantineDays = 10)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Agents, 100, nameof(Agents));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Agents, 10_000_000, nameof(Agents));
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Days, 3650, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialInfections, 1, nameof(InitialInfections));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InitialInfections, Agents, nameof(InitialInfections));
        foreach (var (name, value) in new[] { (nameof(AsymptomaticFraction), AsymptomaticFraction), (nameof(AsymptomaticInfectiousness), AsymptomaticInfectiousness), (nameof(TestedFraction), TestedFraction), (nameof(UploadFraction), UploadFraction), (nameof(TransitRiderFraction), TransitRiderFraction) })
        {
            if (!(value is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(name, value, "must lie within 0–1");
            }
        }
        if (!(TransmissionPerHour is >= 0 and <= 100) || !(RandomContactsPerDay is >= 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(TransmissionPerHour), "transmission and contact rates must be finite and non-negative");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(QuarantineDays, nameof(QuarantineDays));
    }
}
