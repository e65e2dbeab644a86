namespace Care.Clinical.Sepsis;

/// <summary>One feature's part in a risk output.</summary>
/// <param name="Feature">Feature name from <see cref="SepsisFeatures.Names"/> (e.g. <c>Resp_mean6h</c>).</param>
/// <param name="Value">The feature's value at that hour (NaN = not available).</param>
/// <param name="LogOdds">Its tree-path contribution to the model's log-odds (positive raises the risk).</param>
public readonly record struct FeatureContribution(string Feature, float Value, double LogOdds);
