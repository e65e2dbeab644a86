using Care.Clinical.EarlyWarning;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Ledger;
using Care.Hermes.Storage;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Alerts;

/// <summary>
/// Acknowledges alerts: in one write session the alert is marked, the wearer's suppression window
/// for its kind is extended by <see cref="AlertSuppression.Extend"/>, and an <c>AlertAcknowledged</c>
/// entry is appended to the ledger, all committed together. Idempotent: acknowledging an
/// acknowledged alert returns it as stored and writes nothing. Thread safe.
/// </summary>
/// <param name="store">Where alerts, wearers and the ledger live.</param>
/// <param name="time">The clock that dates the ledger promise (after the commit).</param>
public sealed class AlertAcknowledger(IHermesStore store, TimeProvider time)
{
    /// <summary>
    /// Acknowledges alert <paramref name="alertId"/> for <paramref name="tokenId"/> (of <paramref name="role"/>)
    /// at <paramref name="at"/>, suppressing re-alerts of its kind at its level or lower until
    /// <paramref name="suppressUntil"/>. Returns the alert as now stored, or null when no alert has this id.
    /// </summary>
    public async Task<AlertRecord?> AcknowledgeAsync(long alertId, string tokenId, Role role, DateTimeOffset at, DateTimeOffset suppressUntil, CancellationToken cancellationToken = default) =>
        (await AcknowledgeWithPromiseAsync(alertId, tokenId, role, at, suppressUntil, cancellationToken)).Alert;

    /// <summary>
    /// As <see cref="AcknowledgeAsync"/>, with the log's signed promise for the <c>AlertAcknowledged</c>
    /// entry when this call acknowledged the alert (null when it already was, or no alert has this id).
    /// </summary>
    public async Task<(AlertRecord? Alert, LedgerPromise? Promise)> AcknowledgeWithPromiseAsync(long alertId, string tokenId, Role role, DateTimeOffset at, DateTimeOffset suppressUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        AlertAcknowledged entry;
        AlertRecord? acknowledged;
        await using (var session = await store.BeginIngestAsync(cancellationToken))
        {
            var alert = await session.FindAlertAsync(alertId);
            if (alert is null || alert.AcknowledgedAt is not null || !await session.MarkAlertAcknowledgedAsync(alertId, tokenId, at))
            {
                return (alert, null);
            }
            var wearer = WearerId.Parse(alert.WearerId);
            if (alert.Kind is AlertKind.News2 or AlertKind.SepsisModel)
            {
                var state = await session.GetWearerAsync(wearer);
                var window = AlertSuppression.Extend(AlertSuppression.Current(state, alert.Kind), suppressUntil, alert.Level);
                await session.SetSuppressionAsync(wearer, alert.Kind, window.Until, window.Level);
            }
            entry = new AlertAcknowledged(tokenId, role.ToString().ToLowerInvariant(), wearer, alert.Id, alert.Level.ToName(), alert.Kind.ToName()) { At = at };
            await session.AppendLedgerAsync(entry);
            acknowledged = await session.FindAlertAsync(alertId);
            await session.CommitAsync();
        }
        // Signed after the session let the write lock go, dated after the commit.
        return (acknowledged, LedgerPromise.For(store, entry, time.GetUtcNow()));
    }
}
