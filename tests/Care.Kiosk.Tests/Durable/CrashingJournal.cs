using Care.Core.Ids;
using Care.Kiosk.Exchange;
using Care.Kiosk.Exchange.Journal;

namespace Care.Kiosk.Tests.Durable;

/// <summary>The real journal with a kill point before and after every write (a crash before the commit loses the write; after it, keeps it).</summary>
internal sealed class CrashingJournal(IExchangeJournal inner, Crasher crasher) : IExchangeJournal
{
    private T Write<T>(string what, Func<T> write)
    {
        crasher.Point($"before journal {what}");
        var result = write();
        crasher.Point($"after journal {what}");
        return result;
    }

    private void Write(string what, Action write) => Write<bool>(what, () =>
    {
        write();
        return true;
    });

    public bool Begin(ExchangeRequest request, int queueCapacity) => Write("Begin", () => inner.Begin(request, queueCapacity));

    public ExchangeRecord? Find(Guid exchangeId) => inner.Find(exchangeId);

    public IReadOnlyList<ExchangeRecord> Unfinished() => inner.Unfinished();

    public IReadOnlyList<ExchangeRecord> Held() => inner.Held();

    public void Intend(Guid exchangeId, string step) => Write($"intent {step}", () => inner.Intend(exchangeId, step));

    public void Advance(Guid exchangeId, ExchangePhase phase, string message) => Write($"phase {phase}", () => inner.Advance(exchangeId, phase, message));

    public bool Enqueue(Guid exchangeId, PatchId patch, byte[] sealedBundle) => Write("Enqueue", () => inner.Enqueue(exchangeId, patch, sealedBundle));

    public QueuedBundle? QueuedFor(Guid exchangeId) => inner.QueuedFor(exchangeId);

    public IReadOnlyList<QueuedBundle> Pending() => inner.Pending();

    public void Acknowledge(long position, Guid bundleId) => Write("Acknowledge", () => inner.Acknowledge(position, bundleId));

    public void Refuse(long position, string reason) => Write("Refuse", () => inner.Refuse(position, reason));

    public IReadOnlyList<JournalLine> Lines(Guid exchangeId) => inner.Lines(exchangeId);
}
