namespace Care.Metabolic.Safety;

/// <summary>Snapshot and restore of the governor's memory (issue 14 item 5).</summary>
public sealed partial class SafetyGovernor
{
    // The verdicts AssessSensor can remember; a restored verdict must be one of them.
    private static readonly string[] RememberedVerdicts = ["implausible jump", "suspected compression low"];

    /// <summary>The governor's memory as an immutable copy.</summary>
    public SafetyGovernorSnapshot Snapshot() => new()
    {
        IobCompartment1Units = _iob.Compartment1Units,
        IobCompartment2Units = _iob.Compartment2Units,
        ReadingTimes = [.. _readingTimes],
        ReadingsMgPerDl = [.. _readings],
        ReadingCount = _readingCount,
        DoseTimes = [.. _doseTimes],
        DoseUnits = [.. _doseUnits],
        DoseCount = _doseCount,
        LastTime = _lastTime,
        LastBasalUnitsPerMinute = _lastBasalPerMinute,
        LastRawMgPerDl = _lastRaw,
        LastRawTime = _lastRawTime,
        LastVerdict = _lastVerdict,
    };

    /// <summary>
    /// Replaces this governor's memory with <paramref name="snapshot"/> (taken from a governor with the
    /// same limits); its insulin on board and hourly total then carry on where the original's were.
    /// </summary>
    /// <exception cref="ArgumentException">A ring of the wrong length, a negative count, a non-finite
    /// or negative insulin amount, or a verdict the governor never gives.</exception>
    public void Restore(SafetyGovernorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.ReadingTimes is not { Count: SafetyGovernorSnapshot.RingLength } || snapshot.ReadingsMgPerDl is not { Count: SafetyGovernorSnapshot.RingLength }
            || snapshot.DoseTimes is not { Count: SafetyGovernorSnapshot.RingLength } || snapshot.DoseUnits is not { Count: SafetyGovernorSnapshot.RingLength })
        {
            throw new ArgumentException($"the governor's rings must hold {SafetyGovernorSnapshot.RingLength} slots each", nameof(snapshot));
        }
        if (snapshot.ReadingCount < 0 || snapshot.DoseCount < 0)
        {
            throw new ArgumentException($"counts must be >= 0 (readings {snapshot.ReadingCount}, doses {snapshot.DoseCount})", nameof(snapshot));
        }
        if (!(snapshot.LastBasalUnitsPerMinute >= 0) || !double.IsFinite(snapshot.LastBasalUnitsPerMinute) || snapshot.DoseUnits.Any(u => !(u >= 0) || !double.IsFinite(u)))
        {
            throw new ArgumentException("the last basal rate and every dose must be finite and >= 0", nameof(snapshot));
        }
        if (snapshot.LastVerdict is { } v && Array.IndexOf(RememberedVerdicts, v) < 0)
        {
            throw new ArgumentException($"unknown sensor verdict '{v}'", nameof(snapshot));
        }
        _iob.SetCompartments(snapshot.IobCompartment1Units, snapshot.IobCompartment2Units);
        for (var i = 0; i < SafetyGovernorSnapshot.RingLength; i++)
        {
            _readingTimes[i] = snapshot.ReadingTimes[i];
            _readings[i] = snapshot.ReadingsMgPerDl[i];
            _doseTimes[i] = snapshot.DoseTimes[i];
            _doseUnits[i] = snapshot.DoseUnits[i];
        }
        _readingCount = snapshot.ReadingCount;
        _doseCount = snapshot.DoseCount;
        _lastTime = snapshot.LastTime;
        _lastBasalPerMinute = snapshot.LastBasalUnitsPerMinute;
        _lastRaw = snapshot.LastRawMgPerDl;
        _lastRawTime = snapshot.LastRawTime;
        // The same string instance as AssessSensor's literal (interned), though Govern compares by value.
        _lastVerdict = snapshot.LastVerdict is { } verdict ? RememberedVerdicts[Array.IndexOf(RememberedVerdicts, verdict)] : null;
    }
}
