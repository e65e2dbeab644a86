namespace Care.Molecular.Screening;

/// <summary>The screening decision on one order of one customer.</summary>
/// <param name="Order">The order's own screening result.</param>
/// <param name="AggregatedEntries">Entries the customer's orders reach the flag length of only together (split orders).</param>
public sealed record CustomerDecision(ScreeningResult Order, IReadOnlyList<string> AggregatedEntries)
{
    /// <summary>True when the order must be refused and held for human review.</summary>
    public bool Flagged => Order.Flagged || AggregatedEntries.Count > 0;
}
