namespace Care.Metabolic.Safety;

/// <summary>
/// One delivered dose: a basal rate held for a period plus an optional bolus at its start, and why.
/// The explanation is kept unformatted (the controller's reason, the governor's verdict and the
/// limit that cut the dose) and joined into <see cref="Detail"/> only when read.
/// </summary>
public sealed record DoseRecord
{
    /// <summary>Creates the record with a ready explanation.</summary>
    /// <param name="time">When the period starts (the bolus is given then).</param>
    /// <param name="basalUnitsPerHour">Delivered basal rate (U/h, ≥ 0).</param>
    /// <param name="duration">How long the basal rate is held.</param>
    /// <param name="bolusUnits">Delivered bolus (U, ≥ 0).</param>
    /// <param name="reason">Why the dose is what it is.</param>
    /// <param name="detail">The controller's rationale and any governor rule that applied.</param>
    public DoseRecord(DateTimeOffset time, double basalUnitsPerHour, TimeSpan duration, double bolusUnits, DoseReason reason, string detail)
        : this(time, basalUnitsPerHour, duration, bolusUnits, reason, new DeferredText(detail), default, null)
    {
    }

    /// <summary>Creates the record with the explanation in parts, joined with "; " when <see cref="Detail"/> is read.</summary>
    /// <param name="time">When the period starts (the bolus is given then).</param>
    /// <param name="basalUnitsPerHour">Delivered basal rate (U/h, ≥ 0).</param>
    /// <param name="duration">How long the basal rate is held.</param>
    /// <param name="bolusUnits">Delivered bolus (U, ≥ 0).</param>
    /// <param name="reason">Why the dose is what it is.</param>
    /// <param name="why">The controller's rationale (empty when the governor ignored it).</param>
    /// <param name="verdict">The governor's own verdict, if any.</param>
    /// <param name="rule">The limit that cut the dose, if any.</param>
    public DoseRecord(
        DateTimeOffset time, double basalUnitsPerHour, TimeSpan duration, double bolusUnits, DoseReason reason,
        DeferredText why, DeferredText verdict, string? rule)
    {
        Time = time;
        BasalUnitsPerHour = basalUnitsPerHour;
        Duration = duration;
        BolusUnits = bolusUnits;
        Reason = reason;
        Why = why;
        Verdict = verdict;
        Rule = rule;
    }

    /// <summary>When the period starts (the bolus is given then).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Delivered basal rate (U/h, ≥ 0).</summary>
    public double BasalUnitsPerHour { get; init; }

    /// <summary>How long the basal rate is held.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Delivered bolus (U, ≥ 0).</summary>
    public double BolusUnits { get; init; }

    /// <summary>Why the dose is what it is.</summary>
    public DoseReason Reason { get; init; }

    /// <summary>The controller's rationale, unformatted.</summary>
    public DeferredText Why { get; init; }

    /// <summary>The governor's verdict, unformatted (empty when it let the request through).</summary>
    public DeferredText Verdict { get; init; }

    /// <summary>The limit that cut the dose (max basal, max bolus, ...), or null.</summary>
    public string? Rule { get; init; }

    /// <summary>The controller's rationale and any governor verdict and rule, joined with "; ".</summary>
    public string Detail
    {
        get
        {
            var parts = new List<string>(3);
            foreach (var part in new[] { Why, Verdict })
            {
                if (!part.IsEmpty)
                {
                    parts.Add(part.ToString());
                }
            }
            if (Rule is not null)
            {
                parts.Add(Rule);
            }
            return string.Join("; ", parts);
        }
    }

    /// <summary>Total insulin of the record in U: basal × duration + bolus.</summary>
    public double TotalUnits => BasalUnitsPerHour * Duration.TotalHours + BolusUnits;
}
