using Care.Trust.Bundles;

namespace Care.Hermes.Ingest;

/// <summary>
/// The sequence tracker a bundle is opened with before any lock: it lets the opener verify and
/// decrypt without reading stored state, and the replay check is made afterwards under the write
/// session (<see cref="Storage.IIngestSession.LastSequenceAsync"/>), where one writer decides it.
/// Never use it on its own: it accepts every sequence.
/// </summary>
internal sealed class DeferredSequenceCheck : ISequenceTracker
{
    /// <inheritdoc/>
    public long? LastSeen(string deviceId) => null;

    /// <inheritdoc/>
    public bool TryAdvance(string deviceId, long sequence) => true;
}
