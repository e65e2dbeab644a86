namespace Care.Simulation.Demo;

/// <summary>A clock that shows simulated time: the world sets it as it advances. Not thread safe.</summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public void Set(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}
