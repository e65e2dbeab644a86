using System.Collections.Concurrent;

namespace Care.Trust.Bundles;

/// <summary>An in-memory <see cref="ISequenceTracker"/>. Thread safe.</summary>
public sealed class SequenceTracker : ISequenceTracker
{
    private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool TryAdvance(string deviceId, long sequence)
    {
        while (true)
        {
            if (!_last.TryGetValue(deviceId, out var last))
            {
                if (_last.TryAdd(deviceId, sequence))
                {
                    return true;
                }
                continue;
            }
            if (sequence <= last)
            {
                return false;
            }
            if (_last.TryUpdate(deviceId, sequence, last))
            {
                return true;
            }
        }
    }

    /// <inheritdoc/>
    public long? LastSeen(string deviceId) => _last.TryGetValue(deviceId, out var last) ? last : null;
}
