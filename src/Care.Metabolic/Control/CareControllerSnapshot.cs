namespace Care.Metabolic.Control;

/// <summary>
/// Everything a <see cref="CareController"/> has learned and remembers about its wearer, as an
/// immutable value: the basal estimate, the meal-dose scale and its review, net insulin on board on
/// both insulin curves, the recent CGM readings and meals, and the timers of its guards. A controller
/// built from the same settings and given this snapshot (<see cref="CareController.Restore"/>) makes
/// exactly the same decisions as the one it was taken from. Times are minutes since
/// <see cref="Origin"/> (the controller's first step); "never" is negative infinity, an open meal
/// review has a NaN <see cref="ReviewStartMinute"/>. The ring buffers are kept as they are (slot order
/// and counts), so nothing is re-ordered or rounded.
/// </summary>
public sealed record CareControllerSnapshot
{
    /// <summary>Length of the meal and CGM ring buffers.</summary>
    public const int RingLength = 16;

    /// <summary>The controller's first step (its time origin); null when it never stepped.</summary>
    public required DateTimeOffset? Origin { get; init; }

    /// <summary>The last step's time, minutes since <see cref="Origin"/>.</summary>
    public required double NowMinute { get; init; }

    /// <summary>The basal estimate in U/min (not U/h, so it round-trips bit for bit).</summary>
    public required double BasalUnitsPerMinute { get; init; }

    /// <summary>Net insulin on board, first compartment of the 90-min prediction curve (U).</summary>
    public required double InsulinS1 { get; init; }

    /// <summary>Net insulin on board, second compartment of the prediction curve (U).</summary>
    public required double InsulinS2 { get; init; }

    /// <summary>Net insulin on board, first compartment of the long (max-IOB) curve (U).</summary>
    public required double LongInsulinS1 { get; init; }

    /// <summary>Net insulin on board, second compartment of the long curve (U).</summary>
    public required double LongInsulinS2 { get; init; }

    /// <summary>Meal times (minutes since origin), a ring of <see cref="RingLength"/> slots.</summary>
    public required IReadOnlyList<double> MealMinutes { get; init; }

    /// <summary>Meal carbohydrate (g), the same ring as <see cref="MealMinutes"/>.</summary>
    public required IReadOnlyList<double> MealGrams { get; init; }

    /// <summary>Meals announced so far (the ring's write position is this modulo <see cref="RingLength"/>).</summary>
    public required int MealCount { get; init; }

    /// <summary>CGM reading times (minutes since origin), a ring of <see cref="RingLength"/> slots.</summary>
    public required IReadOnlyList<double> CgmMinutes { get; init; }

    /// <summary>CGM readings (mg/dL), the same ring as <see cref="CgmMinutes"/>.</summary>
    public required IReadOnlyList<double> CgmValues { get; init; }

    /// <summary>CGM readings remembered so far.</summary>
    public required int CgmCount { get; init; }

    /// <summary>The last meal (minutes since origin).</summary>
    public required double LastMealMinute { get; init; }

    /// <summary>The meal before the last (minutes since origin); the stacking guard uses it.</summary>
    public required double PreviousMealMinute { get; init; }

    /// <summary>The last unexplained glucose slope (mg/dL/min).</summary>
    public required double LastDeviationMgPerDlPerMinute { get; init; }

    /// <summary>The last automatic correction (minutes since origin).</summary>
    public required double LastMicroBolusMinute { get; init; }

    /// <summary>The meal bolus asked for in the last step, not yet confirmed delivered (U).</summary>
    public required double RequestedMealBolusUnits { get; init; }

    /// <summary>A meal bolus the governor held back and the controller still owes (U).</summary>
    public required double OwedBolusUnits { get; init; }

    /// <summary>Carbohydrate on board when the owed bolus was asked for (g).</summary>
    public required double OwedCarbsGrams { get; init; }

    /// <summary>The last suspension (minutes since origin).</summary>
    public required double LastSuspendMinute { get; init; }

    /// <summary>The learned multiplier on carbohydrate-ratio meal doses (0.5..1.6).</summary>
    public required double MealDoseScale { get; init; }

    /// <summary>Start of the open meal review (minutes since origin); NaN when none is open.</summary>
    public required double ReviewStartMinute { get; init; }

    /// <summary>Lowest CGM in the open review (mg/dL).</summary>
    public required double ReviewMinMgPerDl { get; init; }

    /// <summary>Highest CGM in the open review (mg/dL).</summary>
    public required double ReviewMaxMgPerDl { get; init; }

    /// <summary>Meal doses reviewed so far (below 3 the controller is in its cold start).</summary>
    public required int MealReviews { get; init; }

    /// <summary>The last review that saw a low (minutes since origin).</summary>
    public required double LastLowReviewMinute { get; init; }
}
