namespace Care.Metabolic.Safety;

/// <summary>
/// The memory of a <see cref="SafetyGovernor"/> as an immutable value: its own insulin on board, the
/// accepted CGM readings and the deliveries of the last hour(s) (ring buffers kept as they are), and
/// its view of the last reading. It must move with the controller's state: a governor that forgot
/// would count no insulin on board and no insulin in the last hour, and its limits would reset.
/// A governor with the same limits restored from it (<see cref="SafetyGovernor.Restore"/>) decides
/// exactly as the original.
/// </summary>
public sealed record SafetyGovernorSnapshot
{
    /// <summary>Length of the reading and dose ring buffers.</summary>
    public const int RingLength = 64;

    /// <summary>First compartment of the governor's insulin-on-board model (U).</summary>
    public required double IobCompartment1Units { get; init; }

    /// <summary>Second compartment of the governor's insulin-on-board model (U).</summary>
    public required double IobCompartment2Units { get; init; }

    /// <summary>Accepted reading times, a ring of <see cref="RingLength"/> slots.</summary>
    public required IReadOnlyList<DateTimeOffset> ReadingTimes { get; init; }

    /// <summary>Accepted readings (mg/dL), the same ring as <see cref="ReadingTimes"/>.</summary>
    public required IReadOnlyList<double> ReadingsMgPerDl { get; init; }

    /// <summary>Readings accepted so far.</summary>
    public required int ReadingCount { get; init; }

    /// <summary>Dose start times, a ring of <see cref="RingLength"/> slots.</summary>
    public required IReadOnlyList<DateTimeOffset> DoseTimes { get; init; }

    /// <summary>Dose totals (U), the same ring as <see cref="DoseTimes"/>.</summary>
    public required IReadOnlyList<double> DoseUnits { get; init; }

    /// <summary>Doses decided so far.</summary>
    public required int DoseCount { get; init; }

    /// <summary>The latest time governed; null when it never governed.</summary>
    public required DateTimeOffset? LastTime { get; init; }

    /// <summary>The basal rate of the last dose (U/min), still running.</summary>
    public required double LastBasalUnitsPerMinute { get; init; }

    /// <summary>The last new raw reading judged (mg/dL); NaN when none.</summary>
    public required double LastRawMgPerDl { get; init; }

    /// <summary>When <see cref="LastRawMgPerDl"/> was taken.</summary>
    public required DateTimeOffset LastRawTime { get; init; }

    /// <summary>The verdict on that reading (null when accepted).</summary>
    public required string? LastVerdict { get; init; }
}
