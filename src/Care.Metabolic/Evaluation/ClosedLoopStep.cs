using Care.Metabolic.Safety;

namespace Care.Metabolic.Evaluation;

/// <summary>One control period of a closed-loop run, for tracing (<c>care eval t1d --trace</c>).</summary>
/// <param name="Minute">Minutes since the start of the run (the period starts here).</param>
/// <param name="GlucoseMgPerDl">The simulator's true glucose (BG) at the start of the period.</param>
/// <param name="CgmMgPerDl">The CGM reading the controller saw (NaN during a dropout).</param>
/// <param name="AnnouncedGrams">Carbohydrate announced for this period (g).</param>
/// <param name="EatenGrams">Carbohydrate actually eaten during this period (g), announced or not.</param>
/// <param name="Dose">What was delivered, with its reason.</param>
public readonly record struct ClosedLoopStep(
    long Minute, double GlucoseMgPerDl, double CgmMgPerDl, double AnnouncedGrams, double EatenGrams, DoseRecord Dose);
