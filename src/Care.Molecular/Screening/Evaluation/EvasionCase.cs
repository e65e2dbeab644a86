namespace Care.Molecular.Screening.Evaluation;

/// <summary>One evasion attempt: a customer's orders derived from one entry of concern.</summary>
/// <param name="Class">The evasion class, e.g. <c>reverse complement</c>.</param>
/// <param name="Number">Case number within its class (1-based).</param>
/// <param name="EntryId">The entry it was derived from.</param>
/// <param name="CustomerId">The customer placing the orders.</param>
/// <param name="Orders">The orders, in the order they are placed (one unless split).</param>
/// <param name="Detail">How it was made (lengths, rate, backbone), for the miss list.</param>
public sealed record EvasionCase(string Class, int Number, string EntryId, string CustomerId, IReadOnlyList<string> Orders, string Detail);
