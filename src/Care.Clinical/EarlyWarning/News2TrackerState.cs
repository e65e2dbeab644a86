namespace Care.Clinical.EarlyWarning;

/// <summary>
/// Everything a <see cref="News2Tracker"/> remembers between bundles, so Hermes can persist it
/// with the data it came from and resume after a restart. Plain data; serialisable as JSON.
/// </summary>
public sealed record News2TrackerState
{
    /// <summary>Start of the epoch being collected, or null before the first observation.</summary>
    public DateTimeOffset? EpochStart { get; init; }

    /// <summary>Values collected in the open epoch, one list per <see cref="News2Tracker.Parameters"/> entry.</summary>
    public required double[][] EpochValues { get; init; }

    /// <summary>Median of each parameter in the last epoch that had it (null: never seen).</summary>
    public required double?[] LastMedians { get; init; }

    /// <summary>End of the epoch each <see cref="LastMedians"/> entry comes from.</summary>
    public required DateTimeOffset?[] LastTimes { get; init; }

    /// <summary>Highest level alerted in the current episode (<see cref="News2Level.Low"/> when none is open).</summary>
    public News2Level EpisodeLevel { get; init; }

    /// <summary>Since when the score has been low in an open episode, or null.</summary>
    public DateTimeOffset? CalmSince { get; init; }
}
