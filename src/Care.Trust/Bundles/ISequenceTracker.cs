namespace Care.Trust.Bundles;

/// <summary>The last bundle sequence number accepted from each device, for replay protection.</summary>
public interface ISequenceTracker
{
    /// <summary>
    /// Atomically records <paramref name="sequence"/> for <paramref name="deviceId"/> if it is greater
    /// than the last one recorded (any sequence ≥ 0 is greater than none); returns false otherwise.
    /// </summary>
    bool TryAdvance(string deviceId, long sequence);

    /// <summary>The last sequence accepted from <paramref name="deviceId"/>, or null.</summary>
    long? LastSeen(string deviceId);
}
