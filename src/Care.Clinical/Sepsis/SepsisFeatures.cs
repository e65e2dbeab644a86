using Care.Clinical.Challenge2019;

namespace Care.Clinical.Sepsis;

/// <summary>
/// The layout of the causal feature vector that <see cref="SepsisFeatureState"/> computes for each
/// hour: per measured column (8 vital signs, 26 labs) the last value, hours since it was measured,
/// measurement frequency and change from the previous measurement; per vital sign the mean, minimum,
/// maximum and standard deviation of the last 6 h of measurements, the 6-h change, the mean, minimum
/// and maximum of the last 24 h and the last value minus the mean of the stay so far; demographics
/// and ICU time; derived scores (partial NEWS2 from the public <c>News2</c> bands, partial qSOFA,
/// partial SOFA and its 24-h rise, shock index, BUN/creatinine, pulse pressure, SpO2/FiO2).
/// NaN means "not available yet".
/// </summary>
public static class SepsisFeatures
{
    /// <summary>Hours of the short vital-sign window (mean, min, max, SD, change).</summary>
    public const int WindowHours = 6;

    /// <summary>Hours of the long vital-sign window (mean, min, max).</summary>
    public const int LongWindowHours = 24;

    /// <summary>Hours over which the rise of the partial SOFA is measured (Sepsis-3: 2 points within 24 h).</summary>
    public const int SofaWindowHours = 24;

    internal const int PerMeasured = 4;
    internal const int PerVital = 9;
    internal const int VitalBlock = ChallengeColumns.MeasuredCount * PerMeasured;
    internal const int StaticBlock = VitalBlock + ChallengeColumns.VitalCount * PerVital;
    internal const int StaticCount = 7;
    internal const int DerivedBlock = StaticBlock + StaticCount;

    /// <summary>Index of the partial NEWS2 (respiration, SpO2, oxygen, systolic, pulse, temperature; alert assumed).</summary>
    public const int News2 = DerivedBlock;

    /// <summary>Index of the partial qSOFA (respiration ≥ 22, systolic ≤ 100; mentation is not recorded).</summary>
    public const int Qsofa = DerivedBlock + 1;

    /// <summary>Index of the partial SOFA (platelets, bilirubin, MAP &lt; 70, creatinine).</summary>
    public const int Sofa = DerivedBlock + 2;

    /// <summary>Number of features.</summary>
    public const int Count = DerivedBlock + 9;

    private static readonly string[] DerivedNames =
        ["NEWS2", "qSOFA", "SOFA", "SOFA_rise24h", "NEWS2_change6h", "ShockIndex", "BUN_Creatinine", "PulsePressure", "SpO2_FiO2"];

    private static readonly string[] StaticNames = ["Age", "Gender", "Unit1", "Unit2", "HospAdmTime", "ICULOS", "HoursInRecord"];

    /// <summary>Feature names, in vector order (e.g. <c>HR</c>, <c>HR_hoursSince</c>, <c>HR_mean6h</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = BuildNames();

    private static string[] BuildNames()
    {
        var names = new List<string>(Count);
        for (int m = 0; m < ChallengeColumns.MeasuredCount; m++)
        {
            var n = ChallengeColumns.Names[m];
            names.AddRange([n, n + "_hoursSince", n + "_perHour", n + "_changeSincePrevious"]);
        }
        for (int v = 0; v < ChallengeColumns.VitalCount; v++)
        {
            var n = ChallengeColumns.Names[v];
            names.AddRange([n + "_mean6h", n + "_min6h", n + "_max6h", n + "_sd6h", n + "_change6h", n + "_mean24h", n + "_min24h", n + "_max24h", n + "_vsStayMean"]);
        }
        names.AddRange(StaticNames);
        names.AddRange(DerivedNames);
        return [.. names];
    }
}
