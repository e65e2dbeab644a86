using Care.Core.Observations;

namespace Care.Patch.Outbox;

/// <summary>
/// What a patch has measured and not yet handed over: observations in time order, kept until
/// Hermes acknowledges them and for at most <see cref="Retention"/> (the patch's memory).
/// Not thread safe: the patch runtime owns it.
/// </summary>
public sealed class PatchOutbox
{
    /// <summary>How long unacknowledged data is kept: 14 days (DESIGN.md).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private readonly List<Observation> _items = new(4096);

    /// <summary>Observations waiting for upload.</summary>
    public int Count => _items.Count;

    /// <summary>Observations dropped because they outlived <see cref="Retention"/> before an exchange.</summary>
    public long Expired { get; private set; }

    /// <summary>The waiting observations, oldest first. The view changes as the outbox does.</summary>
    public IReadOnlyList<Observation> Pending => _items;

    /// <summary>Appends one observation.</summary>
    /// <exception cref="ArgumentException">It is earlier than the last one, or repeats its sign and time.</exception>
    public void Append(Observation observation)
    {
        if (_items.Count > 0)
        {
            var last = _items[^1];
            if (observation.Time < last.Time)
            {
                throw new ArgumentException($"observation at {observation.Time:O} is earlier than the outbox's last ({last.Time:O})", nameof(observation));
            }
            if (observation.Time == last.Time && observation.Sign == last.Sign)
            {
                throw new ArgumentException($"observation of {observation.Sign} at {observation.Time:O} is already in the outbox", nameof(observation));
            }
        }
        _items.Add(observation);
        if (observation.Time - _items[0].Time > Retention)
        {
            int drop = 0;
            while (observation.Time - _items[drop].Time > Retention)
            {
                drop++;
            }
            _items.RemoveRange(0, drop);
            Expired += drop;
        }
    }

    /// <summary>Removes the first <paramref name="count"/> observations: Hermes has stored them.</summary>
    public void RemoveFirst(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _items.Count);
        _items.RemoveRange(0, count);
    }
}
