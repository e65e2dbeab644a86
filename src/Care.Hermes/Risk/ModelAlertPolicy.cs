using System.Globalization;
using Care.Clinical.Sepsis;

namespace Care.Hermes.Risk;

/// <summary>
/// When a wearer's hourly sepsis-model outputs raise an alert: the wearer-side alarm-fatigue rule
/// on top of the model's levels (the model and its thresholds are unchanged). Not thread safe: one
/// per wearer, fed each scored hour in order; its whole state is <see cref="ModelAlertPolicyState"/>,
/// persisted with the hours that produced it.
/// </summary>
/// <remarks>
/// <para>Rules, chosen on development demo seeds 11–13 only (docs/validation.md, demo section):</para>
/// <list type="bullet">
/// <item><b>High</b> (the model's alarm) alerts at once, as before.</item>
/// <item><b>Elevated</b> alerts (medium) only when the model has been at Elevated or above for
/// <see cref="ElevatedHoursToAlert"/> consecutive scored hours <i>and</i> its probability rose by at
/// least <see cref="MinRisePercentagePoints"/> percentage points over the last hour (persistence
/// plus a rising trend). Healthy wearers' normal variation hovers just above the ICU-set Elevated
/// threshold without climbing; a deterioration climbs (on the dev seeds every illness's ramp had an
/// hour at Elevated or above rising by at least 1.2 points, over twice the required 0.5; on test
/// seeds 1–3 two illnesses rose only 0.4 points in their second Elevated hour and alerted at High,
/// just after the event).</item>
/// <item>Alerts follow episodes: an hour alerts only when its level is higher than any alerted in
/// the open episode; the episode closes after <see cref="CalmHoursToClose"/> hours at Low.</item>
/// <item>Only measured hours alert (an all-missing hour still counts in the run and the trend).</item>
/// </list>
/// </remarks>
internal sealed class ModelAlertPolicy
{
    /// <summary>Consecutive scored hours at Elevated or above before an Elevated hour may alert.</summary>
    public const int ElevatedHoursToAlert = 2;

    /// <summary>Rise of the calibrated probability over the last hour, in percentage points, an Elevated alert needs.</summary>
    public const double MinRisePercentagePoints = 0.5;

    /// <summary>Hours at level Low that close an episode.</summary>
    public const int CalmHoursToClose = 6;

    /// <summary>Stored hours read back to rebuild the run of a state written before the policy (runs longer than this are counted as this long).</summary>
    public const int RebuildHours = 48;

    private SepsisRiskLevel _episodeLevel;
    private int _calmHours;
    private int _elevatedRun;
    private double? _lastProbability;

    /// <summary>A policy resuming from <paramref name="state"/> (null: a wearer with no hours scored).</summary>
    public ModelAlertPolicy(ModelAlertPolicyState? state)
    {
        if (state is null)
        {
            return;
        }
        _episodeLevel = state.EpisodeLevel;
        _calmHours = state.CalmHours;
        _elevatedRun = state.ElevatedRun;
        _lastProbability = state.LastProbability;
    }

    /// <summary>The state after the hours seen so far.</summary>
    public ModelAlertPolicyState Snapshot() => new(_episodeLevel, _calmHours, _elevatedRun, _lastProbability);

    /// <summary>
    /// Takes the next scored hour (<paramref name="probability"/> 0–1, NaN treated as no rise);
    /// returns what the policy required, in words, when the hour alerts, else null.
    /// </summary>
    public string? Next(SepsisRiskLevel level, double probability, bool measured)
    {
        double? previous = _lastProbability;
        _lastProbability = double.IsFinite(probability) ? probability : null;
        if (level == SepsisRiskLevel.Low)
        {
            _elevatedRun = 0;
            if (_episodeLevel > SepsisRiskLevel.Low && ++_calmHours >= CalmHoursToClose)
            {
                _episodeLevel = SepsisRiskLevel.Low;
                _calmHours = 0;
            }
            return null;
        }
        _calmHours = 0;
        _elevatedRun++;
        if (!measured || level <= _episodeLevel)
        {
            return null;
        }
        if (level == SepsisRiskLevel.High)
        {
            _episodeLevel = level;
            return "Alert policy: High (the model's alarm) alerts at once.";
        }
        double rise = previous is double p && double.IsFinite(probability) ? 100 * (probability - p) : double.NaN;
        if (_elevatedRun < ElevatedHoursToAlert || !(rise >= MinRisePercentagePoints))
        {
            return null;
        }
        _episodeLevel = level;
        return string.Create(CultureInfo.InvariantCulture,
            $"Alert policy: Elevated or above for {_elevatedRun} consecutive hours (at least {ElevatedHoursToAlert} required) and risk up {rise:0.0} points in the last hour (at least {MinRisePercentagePoints:0.0} required).");
    }
}
