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
/// transaction committed, so a rolled-back bundle never advances the cached state. Thread safe.
/// </summary>
public sealed class SepsisRiskScoring
{
    private readonly ConcurrentDictionary<string, StaggeredScorer> _scorers = new(StringComparer.Ordinal);
    private long _rebuilds;

    /// <summary>Uses <paramref name="model"/>, named <paramref name="modelName"/> in alert texts (e.g. <c>sepsis-vitals-v2</c>).</summary>
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

    /// <summary>Scorers rebuilt from stored inputs so far (after a restart, or after an ingest that did not commit).</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>Loads the model file at <paramref name="path"/> (see <see cref="SepsisModel.Load"/> for its errors).</summary>
    public static SepsisRiskScoring Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SepsisRiskScoring(SepsisModel.Load(path), Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>
    /// Takes the wearer's scorer out of the cache, or rebuilds it from <paramref name="storedInputs"/>
    /// when it is missing or was not fed exactly <paramref name="hoursStored"/> hours.
    /// </summary>
    /// <exception cref="InvalidDataException">The stored inputs do not number <paramref name="hoursStored"/>.</exception>
    internal async ValueTask<StaggeredScorer> TakeAsync(string wearer, int hoursStored, Func<ValueTask<IReadOnlyList<IReadOnlyList<float>>>> storedInputs)
    {
        if (_scorers.TryRemove(wearer, out var cached) && cached.Hours == hoursStored)
        {
            return cached;
        }
        Interlocked.Increment(ref _rebuilds);
        var scorer = new StaggeredScorer(Model);
        if (hoursStored == 0)
        {
            return scorer;
        }
        var rows = await storedInputs();
        if (rows.Count != hoursStored)
        {
            throw new InvalidDataException($"wearer {wearer}: {rows.Count} stored model-risk hours, but the wearer's state records {hoursStored}");
        }
        scorer.Replay(rows);
        return scorer;
    }

    /// <summary>Puts a scorer back after the ingest that advanced it committed.</summary>
    internal void Return(string wearer, StaggeredScorer scorer) => _scorers[wearer] = scorer;
}
