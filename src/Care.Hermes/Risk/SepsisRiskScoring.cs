using System.Collections.Concurrent;
using Care.Clinical.Sepsis;

namespace Care.Hermes.Risk;

/// <summary>
/// The sepsis model as Hermes runs it: one immutable model shared by all wearers and, per wearer,
/// incremental <see cref="SepsisStreamScorer"/>s (two staggered bounded records, see
/// <see cref="StaggeredScorer"/>) kept in memory between bundles. The scorers are a cache: the
/// truth is the hourly inputs stored with each committed bundle, and a scorer that is missing (after
/// a restart) or out of step with the committed hours (after a failed ingest) is rebuilt by
/// replaying them. A scorer is taken out of the cache for an ingest and put back only after its
/// transaction committed, so a rolled-back bundle never advances the cached state. The cache holds
/// at most <see cref="Capacity"/> wearers (about 10 kB each): past it, the least recently returned
/// tenth is dropped, and those wearers are rebuilt from storage at their next bundle. Thread safe.
/// </summary>
public sealed class SepsisRiskScoring
{
    /// <summary>Default <see cref="Capacity"/>: 50,000 wearers, about 500 MB of scorers.</summary>
    public const int DefaultCapacity = 50_000;

    private readonly ConcurrentDictionary<string, Cached> _scorers = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private readonly int _capacity = DefaultCapacity;
    private long _rebuilds;
    private long _evictions;
    private long _clock;

    /// <summary>Uses <paramref name="model"/>, named <paramref name="modelName"/> in alert texts (e.g. <c>sepsis-vitals-v3</c>).</summary>
    public SepsisRiskScoring(SepsisModel model, string modelName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        Model = model;
        ModelName = modelName;
    }

    /// <summary>The model.</summary>
    public SepsisModel Model { get; }

    /// <summary>The model's name (its file name without extension).</summary>
    public string ModelName { get; }

    /// <summary>Scorers built so far: for a new wearer, or rebuilt from stored inputs (after a restart, an ingest that did not commit, or an eviction).</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>Most wearers whose scorers stay in memory between bundles (at least 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int Capacity
    {
        get => _capacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _capacity = value;
        }
    }

    /// <summary>Wearers whose scorers are in memory now.</summary>
    public int CachedWearers => _scorers.Count;

    /// <summary>Scorers dropped from memory because the cache was full.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Loads the model file at <paramref name="path"/> (see <see cref="SepsisModel.Load"/> for its errors), caching up to <paramref name="capacity"/> wearers' scorers.</summary>
    public static SepsisRiskScoring Load(string path, int capacity = DefaultCapacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SepsisRiskScoring(SepsisModel.Load(path), Path.GetFileNameWithoutExtension(path)) { Capacity = capacity };
    }

    /// <summary>
    /// Takes the wearer's scorer out of the cache, or rebuilds it when it is missing or was not fed
    /// exactly <paramref name="hoursStored"/> hours, from the stored count and the last
    /// <see cref="StaggeredScorer.RecordHours"/> stored inputs that <paramref name="storedInputs"/> returns.
    /// </summary>
    /// <exception cref="InvalidDataException">The stored inputs do not number <paramref name="hoursStored"/>.</exception>
    internal async ValueTask<StaggeredScorer> TakeAsync(
        string wearer, int hoursStored, Func<int, ValueTask<(int Stored, IReadOnlyList<IReadOnlyList<float>> Last)>> storedInputs)
    {
        if (_scorers.TryRemove(wearer, out var cached) && cached.Scorer.Hours == hoursStored)
        {
            return cached.Scorer;
        }
        Interlocked.Increment(ref _rebuilds);
        var scorer = new StaggeredScorer(Model);
        if (hoursStored == 0)
        {
            return scorer;
        }
        var (stored, last) = await storedInputs(StaggeredScorer.RecordHours);
        if (stored != hoursStored)
        {
            throw new InvalidDataException($"wearer {wearer}: {stored} stored model-risk hours, but the wearer's state records {hoursStored}");
        }
        scorer.Replay(stored - last.Count, last);
        return scorer;
    }

    /// <summary>Puts a scorer back after the ingest that advanced it committed; drops the least recently used tenth when the cache is full.</summary>
    internal void Return(string wearer, StaggeredScorer scorer)
    {
        _scorers[wearer] = new Cached(scorer, Interlocked.Increment(ref _clock));
        if (_scorers.Count <= _capacity)
        {
            return;
        }
        lock (_evicting)
        {
            int excess = _scorers.Count - _capacity;
            if (excess <= 0)
            {
                return;
            }
            int drop = Math.Max(excess, _capacity / 10);
            foreach (var old in _scorers.OrderBy(e => e.Value.LastUsed).Take(drop).ToList())
            {
                // Only the entry seen: one returned again meanwhile is newer and stays.
                if (_scorers.TryRemove(old))
                {
                    Interlocked.Increment(ref _evictions);
                }
            }
        }
    }

    private sealed record Cached(StaggeredScorer Scorer, long LastUsed);
}
