using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Observations;

namespace Care.Patch.Outbox;

/// <summary>
/// What a patch has measured and not yet handed over: observations in time order (and the insulin
/// doses it delivered, in their own time-ordered list), kept until
/// Hermes acknowledges them and for at most <see cref="Retention"/> (the patch's memory).
/// Not thread safe: the patch runtime owns it.
/// </summary>
public sealed class PatchOutbox
{
    /// <summary>How long unacknowledged data is kept: 14 days (DESIGN.md).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private readonly List<Observation> _items = new(4096);
    private readonly List<DoseDelivery> _doses = [];
    private readonly List<PatchEvent> _events = [];

    /// <summary>Observations waiting for upload.</summary>
    public int Count => _items.Count;

    /// <summary>Observations dropped because they outlived <see cref="Retention"/> before an exchange.</summary>
    public long Expired { get; private set; }

    /// <summary>The waiting observations, oldest first. The view changes as the outbox does.</summary>
    public IReadOnlyList<Observation> Pending => _items;

    /// <summary>Insulin doses waiting for upload, oldest first. The view changes as the outbox does.</summary>
    public IReadOnlyList<DoseDelivery> PendingDoses => _doses;

    /// <summary>Doses dropped because they outlived <see cref="Retention"/> before an exchange.</summary>
    public long ExpiredDoses { get; private set; }

    /// <summary>Appends one delivered dose.</summary>
    /// <exception cref="ArgumentException">It is not after the last dose, or it is outside the bundle format's limits.</exception>
    public void AppendDose(DoseDelivery dose)
    {
        if (!dose.IsPlausible)
        {
            throw new ArgumentException($"dose at {dose.Time:O} is outside the bundle format's limits ({dose})", nameof(dose));
        }
        if (_doses.Count > 0 && dose.Time <= _doses[^1].Time)
        {
            throw new ArgumentException($"dose at {dose.Time:O} is not after the outbox's last dose ({_doses[^1].Time:O})", nameof(dose));
        }
        _doses.Add(dose);
        int drop = 0;
        while (dose.Time - _doses[drop].Time > Retention)
        {
            drop++;
        }
        if (drop > 0)
        {
            _doses.RemoveRange(0, drop);
            ExpiredDoses += drop;
        }
    }

    /// <summary>Removes the first <paramref name="count"/> doses: Hermes has stored them.</summary>
    public void RemoveFirstDoses(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _doses.Count);
        _doses.RemoveRange(0, count);
    }

    /// <summary>Rhythm events waiting for upload, in start order. The view changes as the outbox does.</summary>
    public IReadOnlyList<PatchEvent> PendingEvents => _events;

    /// <summary>Events dropped because they outlived <see cref="Retention"/> before an exchange.</summary>
    public long ExpiredEvents { get; private set; }

    /// <summary>
    /// Adds one event in start order (an AF episode is final only when it ends, so it may start
    /// before events added earlier).
    /// </summary>
    /// <exception cref="ArgumentException">It is outside the bundle format's limits, or repeats the kind and start of a waiting event.</exception>
    public void AppendEvent(PatchEvent patchEvent)
    {
        if (!patchEvent.IsValid)
        {
            throw new ArgumentException($"event at {patchEvent.Start:O} is outside the bundle format's limits ({patchEvent})", nameof(patchEvent));
        }
        int at = _events.Count;
        while (at > 0 && _events[at - 1].Start > patchEvent.Start)
        {
            at--;
        }
        for (int i = at - 1; i >= 0 && _events[i].Start == patchEvent.Start; i--)
        {
            if (_events[i].Kind == patchEvent.Kind)
            {
                throw new ArgumentException($"a {patchEvent.Kind} event starting at {patchEvent.Start:O} is already in the outbox", nameof(patchEvent));
            }
        }
        _events.Insert(at, patchEvent);
        var newest = _events[^1].Start;
        int drop = 0;
        while (newest - _events[drop].Start > Retention)
        {
            drop++;
        }
        if (drop > 0)
        {
            _events.RemoveRange(0, drop);
            ExpiredEvents += drop;
        }
    }

    /// <summary>Removes <paramref name="stored"/> (the events of a bundle Hermes has stored) from the waiting events.</summary>
    public void RemoveEvents(IReadOnlyList<PatchEvent> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var e in stored)
        {
            _events.Remove(e);
        }
    }

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
