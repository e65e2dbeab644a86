namespace Care.Metabolic.Simulation;

/// <summary>A <see cref="TimeProvider"/> that only moves when the simulation advances it. Not thread-safe.</summary>
public sealed class SimulationClock : TimeProvider
{
    private DateTimeOffset _now;

    /// <summary>Starts the clock at <paramref name="start"/>.</summary>
    public SimulationClock(DateTimeOffset start)
    {
        _now = start;
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward by <paramref name="by"/> (≥ 0).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _now += by;
    }
}
