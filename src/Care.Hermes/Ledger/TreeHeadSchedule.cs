using Care.Hermes.Storage;
using Care.Trust.Ledger;

namespace Care.Hermes.Ledger;

/// <summary>
/// When Hermes signs tree heads (RFC 9162's promise made concrete): at the end of each write act
/// and on a timer, at most one per <see cref="Interval"/>, and never on a read. An act is therefore
/// covered by a signed head within one interval of its commit (its maximum merge delay), reads stay
/// cheap and unchanging, and heads are bounded however busy the log is. Thread safe.
/// </summary>
/// <param name="store">The ledger's store.</param>
/// <param name="interval">The least time between two heads, and the timer's period (1 second to 1 day).</param>
public sealed class TreeHeadSchedule(IHermesStore store, TimeSpan interval)
{
    /// <summary>Default interval: 10 seconds (at most 8,640 heads a day, about 30 MB of signatures).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    /// <summary>The least time between two signed heads; an act waits at most this long for its head.</summary>
    public TimeSpan Interval { get; } = interval >= TimeSpan.FromSeconds(1) && interval <= TimeSpan.FromDays(1)
        ? interval
        : throw new ArgumentOutOfRangeException(nameof(interval), interval, "the tree-head interval must be from 1 second to 1 day");

    /// <summary>Signs a head when one is due; returns it, or null when none was due.</summary>
    public Task<SignedTreeHead?> SignIfDueAsync(CancellationToken cancellationToken = default) =>
        store.PublishTreeHeadIfDueAsync(Interval, cancellationToken);

    /// <summary>
    /// How long a caller waiting for a new entry to be covered should wait, given the <paramref name="latest"/> head: the time
    /// until the next head may be signed (at least one second), for a <c>Retry-After</c>.
    /// </summary>
    public TimeSpan RetryAfter(SignedTreeHead? latest, DateTimeOffset now)
    {
        var due = latest is null ? now : latest.Timestamp + Interval;
        var wait = due - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }
}
