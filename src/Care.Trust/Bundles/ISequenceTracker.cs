namespace Care.Trust.Bundles;

/// <summary>The last bundle sequence number accepted from each device, for replay protection.</summary>
public interface ISequenceTracker
{
    /// <summary>
    /// Accepts <paramref name="sequence"/> for <paramref name="deviceId"/> if it is greater than the last
    /// one accepted (any sequence ≥ 0 is greater than none) and returns true; returns false otherwise.
    /// <see cref="SequenceTracker"/> records it at once; a storage backend's ledger-backed tracker relies
    /// on the caller appending the <c>BundleAccepted</c> entry in the same transaction.
    /// </summary>
    bool TryAdvance(string deviceId, long sequence);

    /// <summary>The last sequence accepted from <paramref name="deviceId"/>, or null.</summary>
    long? LastSeen(string deviceId);
}
