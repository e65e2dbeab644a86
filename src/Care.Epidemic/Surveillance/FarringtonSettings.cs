namespace Care.Epidemic.Surveillance;

/// <summary>
/// Settings of <see cref="FarringtonFlexible"/>, named as in R <c>surveillance::farringtonFlexible</c>.
/// Immutable. Use <see cref="Farrington1996"/> or <see cref="Noufaily2013"/> for the two settings of the
/// package vignette (Salmon, Schumacher and Höhle 2016) that the reference outputs use.
/// </summary>
/// <param name="Name">Label (<c>farrington1996</c>, <c>noufaily2013</c>), as the reference files name the method.</param>
/// <param name="YearsBack">b: years of history, ≥ 1 (trend only allowed from 3).</param>
/// <param name="HalfWindow">w: weeks either side of each reference week, ≥ 0.</param>
/// <param name="NoPeriods">Seasonal factor levels (1 = windows only, as Farrington 1996).</param>
/// <param name="WeightsThreshold">Anscombe residual above which a past week is down-weighted.</param>
/// <param name="PastWeeksNotIncluded">The most recent weeks (before the current one) left out of the fit.</param>
/// <param name="PThresholdTrend">The time trend is kept only when its Wald p-value is below this.</param>
/// <param name="Threshold">Bound method.</param>
/// <param name="Alpha">α of the bound (one-sided for both methods, as surveillance 1.20.3).</param>
/// <param name="Reweight">Refit with Anscombe-residual weights.</param>
/// <param name="Trend">Try a linear time trend.</param>
/// <param name="Limit54Cases">No bound or alarm when fewer cases than this fell in the last <paramref name="Limit54Weeks"/> weeks (current week included).</param>
/// <param name="Limit54Weeks">Weeks of the limit54 rule.</param>
/// <param name="WeeksPerYear">Series frequency (52).</param>
public sealed record FarringtonSettings(
    string Name,
    int YearsBack,
    int HalfWindow,
    int NoPeriods,
    double WeightsThreshold,
    int PastWeeksNotIncluded,
    double PThresholdTrend,
    FarringtonThreshold Threshold,
    double Alpha = 0.05,
    bool Reweight = true,
    bool Trend = true,
    int Limit54Cases = 5,
    int Limit54Weeks = 4,
    int WeeksPerYear = 52)
{
    /// <summary>Farrington et al. (1996) as in the vignette: one period, w = 3, weights threshold 1, 3 past weeks out, trend p &lt; 0.05, delta bound, α = 0.05.</summary>
    public static FarringtonSettings Farrington1996(int yearsBack) =>
        new("farrington1996", yearsBack, 3, 1, 1.0, 3, 0.05, FarringtonThreshold.Delta);

    /// <summary>Noufaily et al. (2013) as in the vignette: 10 periods, w = 3, weights threshold 2.58, 26 past weeks out, trend always tried (p &lt; 1), negative binomial plug-in bound, α = 0.05.</summary>
    public static FarringtonSettings Noufaily2013(int yearsBack) =>
        new("noufaily2013", yearsBack, 3, 10, 2.58, 26, 1.0, FarringtonThreshold.NegativeBinomialPlugin);

    /// <summary>First 1-based week that has the full history the settings need (b years back, then w more weeks).</summary>
    public int FirstWeekWithHistory => (WeeksPerYear * YearsBack) + HalfWindow + 1;
}
