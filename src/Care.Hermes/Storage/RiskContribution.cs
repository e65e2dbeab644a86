namespace Care.Hermes.Storage;

/// <summary>One feature's part in an explained model risk.</summary>
/// <param name="Feature">The model's feature name (e.g. <c>HR_mean6h</c>: mean heart rate over 6 h).</param>
/// <param name="Value">The feature's value at that hour in its own unit, or null when it was not available.</param>
/// <param name="LogOdds">Its tree-path contribution to the model's log-odds (positive raises the risk).</param>
public readonly record struct RiskContribution(string Feature, double? Value, double LogOdds);
