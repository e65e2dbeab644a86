namespace Care.Kiosk.Exchange.Journal;

/// <summary>
/// The kiosk's durable store: exchanges, their journal and the forward queue. Every method is
/// one atomic, durable write or read; after a crash a new instance over the same store sees
/// every write that returned. Implementations need not be thread safe (one kiosk, one worker).
/// </summary>
public interface IExchangeJournal
{
    /// <summary>
    /// Writes a new exchange at <see cref="ExchangePhase.Started"/>; returns false (writing nothing)
    /// when an exchange with this id exists.
    /// </summary>
    /// <exception cref="ForwardQueueFullException">At least <paramref name="queueCapacity"/> bundles wait for Hermes.</exception>
    bool Begin(ExchangeRequest request, int queueCapacity);

    /// <summary>The exchange with this id, or null.</summary>
    ExchangeRecord? Find(Guid exchangeId);

    /// <summary>Exchanges a crash may have interrupted (phase before <see cref="ExchangePhase.Held"/>), oldest first.</summary>
    IReadOnlyList<ExchangeRecord> Unfinished();

    /// <summary>Exchanges whose old patch waits for Hermes's acknowledgement, oldest first.</summary>
    IReadOnlyList<ExchangeRecord> Held();

    /// <summary>Writes that <paramref name="step"/> is about to take effect.</summary>
    void Intend(Guid exchangeId, string step);

    /// <summary>Writes that the exchange reached <paramref name="phase"/> with the message shown.</summary>
    void Advance(Guid exchangeId, ExchangePhase phase, string message);

    /// <summary>Adds the exchange's sealed bundle to the end of the queue; does nothing if it is already queued (returns false).</summary>
    bool Enqueue(Guid exchangeId, Core.Ids.PatchId patch, byte[] sealedBundle);

    /// <summary>The exchange's queued bundle, or null.</summary>
    QueuedBundle? QueuedFor(Guid exchangeId);

    /// <summary>Bundles neither acknowledged nor refused, in queue order.</summary>
    IReadOnlyList<QueuedBundle> Pending();

    /// <summary>Records Hermes's receipt for the bundle at <paramref name="position"/>.</summary>
    void Acknowledge(long position, Guid bundleId);

    /// <summary>Records that Hermes refused the bundle at <paramref name="position"/> for good.</summary>
    void Refuse(long position, string reason);

    /// <summary>The exchange's journal, in order of writing.</summary>
    IReadOnlyList<JournalLine> Lines(Guid exchangeId);
}
