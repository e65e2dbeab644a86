namespace Care.Simulation.Demo;

/// <summary>What the demo simulates.</summary>
/// <param name="Wearers">Number of wearers (1–10,000).</param>
/// <param name="Days">Simulated days (1–365).</param>
/// <param name="Seed">Seed for every random draw; the same seed gives the same physiology.</param>
/// <param name="Start">First simulated instant (UTC, whole minute).</param>
/// <param name="RunId">Short tag that makes this run's wearer ids unique in a shared database.</param>
public sealed record DemoSettings(int Wearers, int Days, int Seed, DateTimeOffset Start, string RunId)
{
    /// <summary>Checks the ranges; throws <see cref="ArgumentOutOfRangeException"/> naming the setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Wearers, 1, nameof(Wearers));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Wearers, 10_000, nameof(Wearers));
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Days, 365, nameof(Days));
    }
}
