using Care.Core.Ids;
using Care.Simulation.Vitals;

namespace Care.Simulation.Demo;

/// <summary>
/// How one kind of alert did on a demo's simulated illnesses. An alert is during an illness when it
/// falls from onset to onset + 24 h; an illness is alerted when a medium-or-higher alert falls
/// during it; its lead time is from that first alert to the simulated event (onset +
/// <see cref="Deterioration.Ramp"/>, when the illness reaches full severity), positive before it.
/// </summary>
/// <param name="Illnesses">Simulated illnesses.</param>
/// <param name="Alerted">Illnesses with a medium-or-higher alert during them.</param>
/// <param name="AlertedBeforeEvent">Of those, illnesses whose first such alert came before the event.</param>
/// <param name="MedianLeadHours">Median lead time of the alerted illnesses, hours (the upper median for an even count), or null when none was alerted.</param>
/// <param name="MinLeadHours">Shortest lead time, hours, or null.</param>
/// <param name="MaxLeadHours">Longest lead time, hours, or null.</param>
/// <param name="AlertsOutsideIllness">Alerts of any level not during an illness of their wearer.</param>
public sealed record IllnessAlerting(
    int Illnesses, int Alerted, int AlertedBeforeEvent, double? MedianLeadHours, double? MinLeadHours, double? MaxLeadHours, int AlertsOutsideIllness)
{
    /// <summary>How long after onset an alert still counts as during the illness.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>Measures <paramref name="alerts"/> against <paramref name="illnesses"/> (one illness per wearer at most, as the demo draws them).</summary>
    public static IllnessAlerting Measure(IReadOnlyList<(WearerId Wearer, DateTimeOffset Onset)> illnesses, IReadOnlyList<DemoAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(illnesses);
        ArgumentNullException.ThrowIfNull(alerts);
        var onsets = illnesses.ToDictionary(i => i.Wearer.Value, i => i.Onset, StringComparer.Ordinal);
        bool During(DemoAlert a) => onsets.TryGetValue(a.WearerId, out var onset) && a.Time >= onset && a.Time <= onset + Window;
        var leads = new List<double>();
        foreach (var (wearer, onset) in illnesses)
        {
            var first = alerts.Where(a => a.WearerId == wearer.Value && a.MediumOrHigher && During(a)).Select(a => (DateTimeOffset?)a.Time).Min();
            if (first is DateTimeOffset t)
            {
                leads.Add((onset + Deterioration.Ramp - t).TotalHours);
            }
        }
        leads.Sort();
        return new IllnessAlerting(
            illnesses.Count,
            leads.Count,
            leads.Count(l => l > 0),
            leads.Count == 0 ? null : Math.Round(leads[leads.Count / 2], 2),
            leads.Count == 0 ? null : Math.Round(leads[0], 2),
            leads.Count == 0 ? null : Math.Round(leads[^1], 2),
            alerts.Count(a => !During(a)));
    }
}
