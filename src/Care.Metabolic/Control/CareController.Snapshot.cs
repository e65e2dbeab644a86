namespace Care.Metabolic.Control;

/// <summary>Snapshot and restore of the learned state (issue 14 item 5: the wearer's learned self moves from patch to patch).</summary>
public sealed partial class CareController
{
    /// <summary>Everything the controller has learned and remembers, as an immutable copy.</summary>
    public CareControllerSnapshot Snapshot() => new()
    {
        Origin = _origin,
        NowMinute = _now,
        BasalUnitsPerMinute = _basal,
        InsulinS1 = _insulin.S1,
        InsulinS2 = _insulin.S2,
        LongInsulinS1 = _longInsulin.S1,
        LongInsulinS2 = _longInsulin.S2,
        MealMinutes = [.. _mealMinutes],
        MealGrams = [.. _mealGrams],
        MealCount = _mealCount,
        CgmMinutes = [.. _cgmMinutes],
        CgmValues = [.. _cgmValues],
        CgmCount = _cgmCount,
        LastMealMinute = _lastMealMinute,
        PreviousMealMinute = _previousMealMinute,
        LastDeviationMgPerDlPerMinute = _lastDeviation,
        LastMicroBolusMinute = _lastMicroBolusMinute,
        RequestedMealBolusUnits = _requestedMealBolus,
        OwedBolusUnits = _owedBolus,
        OwedCarbsGrams = _owedCarbs,
        LastSuspendMinute = _lastSuspendMinute,
        MealDoseScale = _mealScale,
        ReviewStartMinute = _reviewStart,
        ReviewMinMgPerDl = _reviewMin,
        ReviewMaxMgPerDl = _reviewMax,
        MealReviews = _mealReviews,
        LastLowReviewMinute = _lastLowReviewMinute,
    };

    /// <summary>
    /// Replaces everything this controller remembers with <paramref name="snapshot"/> (taken from a
    /// controller with the same settings); from then on it decides exactly as that controller would.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot is inconsistent: a ring of the wrong length, a
    /// negative count, a non-finite insulin amount or basal, or a meal-dose scale outside 0.5..1.6.</exception>
    public void Restore(CareControllerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Validate(snapshot);
        _origin = snapshot.Origin;
        _now = snapshot.NowMinute;
        _basal = snapshot.BasalUnitsPerMinute;
        _insulin = new NetInsulin { S1 = snapshot.InsulinS1, S2 = snapshot.InsulinS2 };
        _longInsulin = new NetInsulin { S1 = snapshot.LongInsulinS1, S2 = snapshot.LongInsulinS2 };
        Copy(snapshot.MealMinutes, _mealMinutes);
        Copy(snapshot.MealGrams, _mealGrams);
        _mealCount = snapshot.MealCount;
        Copy(snapshot.CgmMinutes, _cgmMinutes);
        Copy(snapshot.CgmValues, _cgmValues);
        _cgmCount = snapshot.CgmCount;
        _lastMealMinute = snapshot.LastMealMinute;
        _previousMealMinute = snapshot.PreviousMealMinute;
        _lastDeviation = snapshot.LastDeviationMgPerDlPerMinute;
        _lastMicroBolusMinute = snapshot.LastMicroBolusMinute;
        _requestedMealBolus = snapshot.RequestedMealBolusUnits;
        _owedBolus = snapshot.OwedBolusUnits;
        _owedCarbs = snapshot.OwedCarbsGrams;
        _lastSuspendMinute = snapshot.LastSuspendMinute;
        _mealScale = snapshot.MealDoseScale;
        _reviewStart = snapshot.ReviewStartMinute;
        _reviewMin = snapshot.ReviewMinMgPerDl;
        _reviewMax = snapshot.ReviewMaxMgPerDl;
        _mealReviews = snapshot.MealReviews;
        _lastLowReviewMinute = snapshot.LastLowReviewMinute;
    }

    private static void Validate(CareControllerSnapshot s)
    {
        foreach (var (ring, name) in new[] { (s.MealMinutes, nameof(s.MealMinutes)), (s.MealGrams, nameof(s.MealGrams)), (s.CgmMinutes, nameof(s.CgmMinutes)), (s.CgmValues, nameof(s.CgmValues)) })
        {
            if (ring is null || ring.Count != CareControllerSnapshot.RingLength)
            {
                throw new ArgumentException($"{name} must hold {CareControllerSnapshot.RingLength} slots, got {ring?.Count ?? 0}", nameof(s));
            }
        }
        if (s.MealCount < 0 || s.CgmCount < 0 || s.MealReviews < 0)
        {
            throw new ArgumentException($"counts must be >= 0 (meals {s.MealCount}, readings {s.CgmCount}, reviews {s.MealReviews})", nameof(s));
        }
        if (!(s.BasalUnitsPerMinute > 0) || !double.IsFinite(s.BasalUnitsPerMinute))
        {
            throw new ArgumentException($"basal estimate {s.BasalUnitsPerMinute} U/min must be finite and > 0", nameof(s));
        }
        if (!(s.MealDoseScale >= MinMealDoseScale && s.MealDoseScale <= MaxMealDoseScale))
        {
            throw new ArgumentException($"meal-dose scale {s.MealDoseScale} must be {MinMealDoseScale}..{MaxMealDoseScale}", nameof(s));
        }
        double[] finite = [s.InsulinS1, s.InsulinS2, s.LongInsulinS1, s.LongInsulinS2, s.NowMinute, s.RequestedMealBolusUnits, s.OwedBolusUnits, s.OwedCarbsGrams];
        if (finite.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("insulin on board, the current minute and owed doses must be finite", nameof(s));
        }
    }

    private static void Copy(IReadOnlyList<double> from, double[] to)
    {
        for (var i = 0; i < to.Length; i++)
        {
            to[i] = from[i];
        }
    }
}
