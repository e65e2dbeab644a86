using Care.Metabolic.Control;

namespace Care.Metabolic.Safety;

/// <summary>
/// The independent safety layer every controller output passes through. It keeps its own view of
/// the sensor (staleness, NaN, implausible values and jumps, suspected compression lows), its own
/// insulin-on-board model and a rolling hour of deliveries, and turns an <see cref="InsulinRequest"/>
/// into the <see cref="DoseRecord"/> that is actually delivered:
/// sensor fault → scheduled basal (or suspend when the last good glucose was low), never a bolus;
/// current or 30-min predicted glucose below the suspend threshold → suspend;
/// otherwise the request clamped to max basal, max bolus, max insulin on board and the hourly total.
/// Invalid requests (NaN, negative, infinite) become the scheduled basal. Not thread-safe.
/// </summary>
public sealed partial class SafetyGovernor
{
    /// <summary>Time constant of the governor's own insulin model (minutes); long, so IOB is over- rather than under-estimated.</summary>
    public const double IobTauMinutes = 75;

    private const int HistoryLength = 64;
    private readonly SafetyLimits _limits;
    private readonly InsulinOnBoard _iob = new(IobTauMinutes);
    private readonly DateTimeOffset[] _readingTimes = new DateTimeOffset[HistoryLength];
    private readonly double[] _readings = new double[HistoryLength];
    private readonly DateTimeOffset[] _doseTimes = new DateTimeOffset[HistoryLength];
    private readonly double[] _doseUnits = new double[HistoryLength];
    private int _readingCount;
    private int _doseCount;
    private DateTimeOffset? _lastTime;
    private double _lastBasalPerMinute;
    private double _lastRaw = double.NaN;
    private DateTimeOffset _lastRawTime;
    private string? _lastVerdict;

    /// <summary>Creates the governor; throws when a limit is negative, NaN or infinite.</summary>
    public SafetyGovernor(SafetyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        double[] values = [limits.ScheduledBasalUnitsPerHour, limits.MaxBasalUnitsPerHour, limits.MaxBolusUnits,
            limits.MaxInsulinOnBoardUnits, limits.MaxUnitsPerHour, limits.SuspendBelowMgPerDl, limits.NoBolusBelowMgPerDl,
            limits.MaxPlausibleRateMgPerDlPerMinute, limits.MinPlausibleMgPerDl, limits.MaxPlausibleMgPerDl];
        if (values.Any(v => !(v >= 0) || !double.IsFinite(v)))
        {
            throw new ArgumentOutOfRangeException(nameof(limits), "every safety limit must be finite and >= 0");
        }
        _limits = limits;
    }

    /// <summary>The limits enforced.</summary>
    public SafetyLimits Limits => _limits;

    /// <summary>Insulin on board (U) by the governor's model, including the last dose.</summary>
    public double InsulinOnBoardUnits => _iob.Units;

    /// <summary>Insulin delivered in the 60 minutes before <paramref name="now"/> (U), counting each record's full amount.</summary>
    public double DeliveredInLastHour(DateTimeOffset now)
    {
        // Newest first; stop at the first record an hour old (records are in time order).
        var sum = 0.0;
        var count = Math.Min(_doseCount, HistoryLength);
        for (var k = 1; k <= count; k++)
        {
            var i = (_doseCount - k) % HistoryLength;
            if (now - _doseTimes[i] >= TimeSpan.FromHours(1))
            {
                break;
            }
            sum += _doseUnits[i];
        }
        return sum;
    }

    /// <summary>
    /// Decides what is delivered for the period starting at <paramref name="input"/>.Time. Times must
    /// not go backwards (an earlier time is treated as no elapsed time).
    /// </summary>
    public DoseRecord Govern(in ControllerInput input, InsulinRequest request)
    {
        var now = input.Time;
        if (_lastTime is { } last && now > last)
        {
            _iob.Advance((now - last).TotalMinutes, _lastBasalPerMinute);
        }
        _lastTime = _lastTime is { } l && l > now ? l : now;
        var periodHours = Math.Max(0, input.Period.TotalHours);
        var fault = AssessSensor(input);

        double basal;
        double bolus;
        DoseReason reason;
        DeferredText why = default;
        DeferredText verdict = default;
        if (fault is not null)
        {
            var lastGood = LatestAccepted(now, TimeSpan.FromHours(1));
            var suspend = fault == "suspected compression low" || (lastGood is { } g && g < 90);
            basal = suspend ? 0 : _limits.ScheduledBasalUnitsPerHour;
            bolus = 0;
            reason = DoseReason.SensorFallback;
            verdict = new DeferredText(suspend ? "sensor fault: {0}; suspend" : "sensor fault: {0}; scheduled basal", fault);
        }
        else if (input.CgmMgPerDl < _limits.SuspendBelowMgPerDl || PredictedIn30Minutes(input) < _limits.SuspendBelowMgPerDl)
        {
            basal = 0;
            bolus = 0;
            reason = DoseReason.Suspend;
            why = request.Why;
            verdict = new DeferredText("governor suspend (glucose {1:F0}, 30-min prediction {2:F0} mg/dL)", null, input.CgmMgPerDl, PredictedIn30Minutes(input));
        }
        else if (!IsValid(request.BasalUnitsPerHour) || !IsValid(request.BolusUnits))
        {
            basal = _limits.ScheduledBasalUnitsPerHour;
            bolus = 0;
            reason = DoseReason.GovernorClamp;
            verdict = "invalid controller output; scheduled basal";
        }
        else
        {
            basal = request.BasalUnitsPerHour;
            bolus = input.CgmMgPerDl < _limits.NoBolusBelowMgPerDl ? 0 : request.BolusUnits;
            reason = request.BasalUnitsPerHour == 0 && request.BolusUnits == 0 ? DoseReason.Suspend : DoseReason.ControllerDecision;
            why = request.Why;
            if (bolus != request.BolusUnits)
            {
                reason = DoseReason.GovernorClamp;
                verdict = new DeferredText("no bolus below {1:F0} mg/dL", null, _limits.NoBolusBelowMgPerDl);
            }
        }

        var (cappedBasal, cappedBolus, rule) = Cap(basal, bolus, periodHours, now);
        if (rule is not null && reason is DoseReason.ControllerDecision)
        {
            reason = DoseReason.GovernorClamp;
        }
        var record = new DoseRecord(now, cappedBasal, input.Period, cappedBolus, reason, why, verdict, rule);
        _iob.AddBolus(cappedBolus);
        _lastBasalPerMinute = cappedBasal / 60.0;
        var slot = _doseCount++ % HistoryLength;
        _doseTimes[slot] = now;
        _doseUnits[slot] = record.TotalUnits;
        return record;
    }

    private (double Basal, double Bolus, string? Rule) Cap(double basal, double bolus, double periodHours, DateTimeOffset now)
    {
        string? rule = null;
        if (basal > _limits.MaxBasalUnitsPerHour)
        {
            basal = _limits.MaxBasalUnitsPerHour;
            rule = "max basal";
        }
        if (bolus > _limits.MaxBolusUnits)
        {
            bolus = _limits.MaxBolusUnits;
            rule = "max bolus";
        }
        // Insulin on board after this dose: the bolus adds at once, basal adds at most rate × period.
        var headroom = Math.Max(0, _limits.MaxInsulinOnBoardUnits - _iob.Units);
        (basal, bolus, var iobRule) = Fit(basal, bolus, periodHours, headroom);
        rule = iobRule ? "max insulin on board" : rule;
        var hourRoom = Math.Max(0, _limits.MaxUnitsPerHour - DeliveredInLastHour(now));
        (basal, bolus, var hourRule) = Fit(basal, bolus, periodHours, hourRoom);
        rule = hourRule ? "max insulin per hour" : rule;
        return (basal, bolus, rule);
    }

    private static (double Basal, double Bolus, bool Cut) Fit(double basal, double bolus, double periodHours, double room)
    {
        if (bolus + basal * periodHours <= room)
        {
            return (basal, bolus, false);
        }
        bolus = Math.Min(bolus, room);
        var left = room - bolus;
        basal = periodHours > 0 ? Math.Min(basal, left / periodHours) : basal;
        return (Math.Max(0, basal), Math.Max(0, bolus), true);
    }

    private static bool IsValid(double value) => value >= 0 && double.IsFinite(value);

    private string? AssessSensor(in ControllerInput input)
    {
        var value = input.CgmMgPerDl;
        var now = input.Time;
        if (!double.IsFinite(value))
        {
            return "no reading";
        }
        if (now - input.CgmTime > _limits.StaleAfter)
        {
            return "stale reading";
        }
        if (input.CgmTime > now + TimeSpan.FromMinutes(1))
        {
            return "reading from the future";
        }
        if (value < _limits.MinPlausibleMgPerDl || value > _limits.MaxPlausibleMgPerDl)
        {
            return "reading out of range";
        }
        if (!double.IsNaN(_lastRaw) && input.CgmTime == _lastRawTime)
        {
            // The same reading presented again (the sensor holds between samples): same verdict.
            return _lastVerdict;
        }
        if (_readingCount > 0 && input.CgmTime <= _readingTimes[(_readingCount - 1) % HistoryLength])
        {
            // Not newer than the last accepted reading (and not stale, checked above): nothing new to judge.
            return null;
        }
        _lastRaw = value;
        _lastRawTime = input.CgmTime;
        _lastVerdict = JudgeNewReading(value, input.CgmTime);
        if (_lastVerdict is null)
        {
            var next = _readingCount++ % HistoryLength;
            _readings[next] = value;
            _readingTimes[next] = input.CgmTime;
        }
        return _lastVerdict;
    }

    private string? JudgeNewReading(double value, DateTimeOffset time)
    {
        if (_readingCount > 0)
        {
            var slot = (_readingCount - 1) % HistoryLength;
            // A jump from the last accepted reading is rejected; after 30 minutes without an accepted
            // reading the governor starts over and follows the sensor's new level.
            if (time - _readingTimes[slot] <= TimeSpan.FromMinutes(30) && IsJump(_readings[slot], _readingTimes[slot], value, time))
            {
                return "implausible jump";
            }
        }
        if (value < 80)
        {
            // Compression lows: a drop of more than 40 mg/dL within 15 minutes into the low range
            // (Baysal et al., Diabetes Technol Ther 2014: sudden, artefactual falls during sleep).
            var high = MaxAccepted(time, TimeSpan.FromMinutes(15));
            if (high is { } h && h - value > 40)
            {
                return "suspected compression low";
            }
        }
        return null;
    }

    private bool IsJump(double fromValue, DateTimeOffset fromTime, double toValue, DateTimeOffset toTime)
    {
        var minutes = Math.Max(1, (toTime - fromTime).TotalMinutes);
        return Math.Abs(toValue - fromValue) / minutes > _limits.MaxPlausibleRateMgPerDlPerMinute;
    }

    private double? MaxAccepted(DateTimeOffset now, TimeSpan window)
    {
        double? best = null;
        var count = Math.Min(_readingCount, HistoryLength);
        for (var k = 1; k <= count; k++)
        {
            var i = (_readingCount - k) % HistoryLength;
            if (now - _readingTimes[i] > window)
            {
                break;
            }
            if (now >= _readingTimes[i])
            {
                best = best is { } b ? Math.Max(b, _readings[i]) : _readings[i];
            }
        }
        return best;
    }

    private double? LatestAccepted(DateTimeOffset now, TimeSpan window)
    {
        if (_readingCount == 0)
        {
            return null;
        }
        var slot = (_readingCount - 1) % HistoryLength;
        return now - _readingTimes[slot] <= window ? _readings[slot] : null;
    }

    private double PredictedIn30Minutes(in ControllerInput input) => input.CgmMgPerDl + 30 * TrendMgPerDlPerMinute(input.Time);

    private double TrendMgPerDlPerMinute(DateTimeOffset now)
    {
        // Least-squares slope over the accepted readings of the last 15 minutes (0 with fewer than two).
        double n = 0, st = 0, sv = 0, stt = 0, stv = 0;
        var count = Math.Min(_readingCount, HistoryLength);
        for (var k = 1; k <= count; k++)
        {
            var i = (_readingCount - k) % HistoryLength;
            var age = (now - _readingTimes[i]).TotalMinutes;
            if (age > 15)
            {
                break;
            }
            if (age >= 0)
            {
                n++;
                st += -age;
                sv += _readings[i];
                stt += age * age;
                stv += -age * _readings[i];
            }
        }
        var denominator = n * stt - st * st;
        return n >= 2 && denominator > 1e-9 ? (n * stv - st * sv) / denominator : 0;
    }
}
