namespace Care.Epidemic.Surveillance;

/// <summary>One week of <see cref="FarringtonFlexible"/>, with the model quantities R stores in <c>control</c>.</summary>
/// <param name="Week">Bound (cases; NaN under the limit54 rule or when no model converged) and alarm (null when no model converged).</param>
/// <param name="Expected">Predicted mean (cases); NaN under the limit54 rule.</param>
/// <param name="Mu0">As R's <c>mu0Vector</c>: exp(η₀) for the plug-in; for Delta the package's exp(μ₀ + z₁₋α·se(μ₀)) (a quirk: qnorm applied on the response scale).</param>
/// <param name="Phi">Dispersion used, max(estimate, 1).</param>
/// <param name="TrendUsed">True when the final model kept the time trend.</param>
/// <param name="TrendPerWeek">Time-trend coefficient on the log scale per week; NaN when not used.</param>
/// <param name="Score">Exceedance score (y − fit)/(bound − fit) as the package computes it.</param>
public readonly record struct FarringtonWeek(DetectionWeek Week, double Expected, double Mu0, double Phi, bool TrendUsed, double TrendPerWeek, double Score);
