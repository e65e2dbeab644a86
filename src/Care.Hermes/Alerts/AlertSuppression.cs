using Care.Clinical.EarlyWarning;
using Care.Hermes.Storage;

namespace Care.Hermes.Alerts;

/// <summary>
/// The alert-suppression rule, in the core rather than in any backend's SQL. A clinician's
/// acknowledgement suppresses re-alerts of the acknowledged alert's own kind (NEWS2 and the sepsis
/// model keep separate windows) at its level or lower, until the window ends; a window only ever
/// grows: its end is the later of the old and new ends, its level the higher of the two.
/// </summary>
/// <param name="Until">Alerts raised before this time are suppressed.</param>
/// <param name="Level">Alerts at this level or lower are suppressed; a higher level always alerts.</param>
public readonly record struct AlertSuppression(DateTimeOffset Until, News2Level Level)
{
    /// <summary>The wearer's current window for alerts of <paramref name="kind"/>, or null when none was ever set.</summary>
    public static AlertSuppression? Current(WearerIngestState wearer, AlertKind kind)
    {
        ArgumentNullException.ThrowIfNull(wearer);
        return kind switch
        {
            AlertKind.News2 => wearer.SuppressUntil is { } until ? new AlertSuppression(until, wearer.SuppressLevel) : null,
            AlertKind.SepsisModel => wearer.ModelSuppressUntil is { } modelUntil ? new AlertSuppression(modelUntil, wearer.ModelSuppressLevel) : null,
            _ => null,
        };
    }

    /// <summary>
    /// The window after acknowledging an alert of <paramref name="level"/> with suppression until
    /// <paramref name="until"/>, given the <paramref name="current"/> one (null for none).
    /// </summary>
    public static AlertSuppression Extend(AlertSuppression? current, DateTimeOffset until, News2Level level) =>
        current is { } now
            ? new AlertSuppression(until > now.Until ? until : now.Until, level > now.Level ? level : now.Level)
            : new AlertSuppression(until, level);

    /// <summary>True when an alert of <paramref name="level"/> raised at <paramref name="raisedAt"/> falls inside this window.</summary>
    public bool Suppresses(DateTimeOffset raisedAt, News2Level level) => raisedAt < Until && level <= Level;
}
