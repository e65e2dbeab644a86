namespace Care.Epidemic.World;

/// <summary>
/// Natural history of one infection (days from infection): incubation log-normal (median ≈ 5 days,
/// Lauer et al. 2020), infectious from 2 days before symptom onset to 7 days after, with a profile that
/// peaks at onset (He et al. 2020); asymptomatic cases follow the same clock without symptoms and
/// transmit less. Pure.
/// </summary>
public static class Infection
{
    private static readonly double[] Profile = [0.6, 0.9, 1.0, 0.9, 0.7, 0.5, 0.35, 0.2, 0.1, 0.05];

    /// <summary>First day relative to onset with infectiousness.</summary>
    public const int InfectiousFrom = -2;

    /// <summary>Last day relative to onset with infectiousness.</summary>
    public const int InfectiousTo = 7;

    /// <summary>Relative infectiousness <paramref name="daysSinceOnset"/> days after onset (0 outside −2…7).</summary>
    public static double Infectiousness(int daysSinceOnset) =>
        daysSinceOnset is < InfectiousFrom or > InfectiousTo ? 0 : Profile[daysSinceOnset - InfectiousFrom];

    /// <summary>Incubation period in whole days, 3–14.</summary>
    public static int IncubationDays(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Math.Clamp((int)Math.Round(Math.Exp(Math.Log(5.1) + (0.45 * BluetoothChannel.Normal(random)))), 3, 14);
    }
}
