namespace Care.Molecular.Screening;

/// <summary>
/// Customer-level aggregation: remembers, per customer and entry of concern, which entry
/// nucleotides the customer's earlier orders matched, so that a sequence split into
/// harmless-looking pieces across orders is flagged when the pieces together reach the flag
/// length. Holds no sequence, only entry coordinates. Thread safe (one lock).
/// </summary>
public sealed class CustomerScreening
{
    private readonly OrderScreener _screener;
    private readonly int _flagLengthNt;
    private readonly Dictionary<(string Customer, string Entry), List<(int Start, int End)>> _seen = [];
    private readonly Lock _lock = new();

    /// <summary>Creates the aggregator over <paramref name="database"/>.</summary>
    public CustomerScreening(ConcernDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _screener = new OrderScreener(database);
        _flagLengthNt = database.Policy.FlagLengthNt;
    }

    /// <summary>
    /// Screens <paramref name="order"/> for <paramref name="customerId"/>, adds its hits to the
    /// customer's history and returns the decision: flagged on its own, or because together with
    /// the customer's earlier orders it covers at least the flag length of one entry.
    /// </summary>
    public CustomerDecision Screen(string customerId, string order)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        var result = _screener.Screen(order);
        var aggregated = new List<string>();
        lock (_lock)
        {
            foreach (var group in result.Hits.GroupBy(h => h.EntryId, StringComparer.Ordinal))
            {
                var key = (customerId, group.Key);
                if (!_seen.TryGetValue(key, out var intervals))
                {
                    _seen[key] = intervals = [];
                }
                intervals.AddRange(group.Select(h => (h.EntryStart, h.EntryEnd)));
                if (OrderScreener.UnionLength(intervals) >= _flagLengthNt && !result.FlaggedEntries.Contains(group.Key))
                {
                    aggregated.Add(group.Key);
                }
            }
        }
        return new CustomerDecision(result, aggregated);
    }
}
