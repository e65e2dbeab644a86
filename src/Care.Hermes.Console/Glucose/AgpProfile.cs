namespace Care.Hermes.Console.Glucose;

/// <summary>
/// An Ambulatory Glucose Profile (international consensus, Battelino et al., Diabetes Care 2019):
/// percentiles of glucose over a modal day, time in ranges and summary figures. All glucose in mg/dL.
/// </summary>
/// <param name="BinMinutes">Width of each time-of-day bin in minutes.</param>
/// <param name="BinStartMinutes">Start of each bin, minutes after 00:00 UTC.</param>
/// <param name="P5">5th percentile per bin (NaN for a bin without readings).</param>
/// <param name="P25">25th percentile per bin.</param>
/// <param name="P50">Median per bin.</param>
/// <param name="P75">75th percentile per bin.</param>
/// <param name="P95">95th percentile per bin.</param>
/// <param name="Ranges">Share of readings in each consensus range.</param>
/// <param name="Readings">Readings used.</param>
/// <param name="Days">Days the profile covers.</param>
/// <param name="CoveragePercent">Readings as a share of one per <paramref name="SampleMinutes"/> over the window (the consensus asks for at least 70 %).</param>
/// <param name="SampleMinutes">The CGM sampling interval assumed for coverage (the median spacing of readings).</param>
/// <param name="MeanMgPerDl">Mean glucose.</param>
/// <param name="CvPercent">Coefficient of variation (SD / mean), % (target ≤ 36 %).</param>
/// <param name="GmiPercent">Glucose management indicator, % (3.31 + 0.02392 × mean mg/dL; Bergenstal et al. 2018).</param>
internal sealed record AgpProfile(
    int BinMinutes,
    int[] BinStartMinutes,
    double[] P5,
    double[] P25,
    double[] P50,
    double[] P75,
    double[] P95,
    TimeInRanges Ranges,
    int Readings,
    double Days,
    double CoveragePercent,
    double SampleMinutes,
    double MeanMgPerDl,
    double CvPercent,
    double GmiPercent);
