using Care.Hermes.Storage;

namespace Care.Hermes.Risk;

/// <summary>A scored hour that alerts under the <see cref="ModelAlertPolicy"/>, with what the policy required, in words.</summary>
/// <param name="Risk">The explained output of the hour.</param>
/// <param name="Rule">E.g. "Alert policy: Elevated or above for 2 consecutive hours … and risk up 0.8 points in the last hour …".</param>
internal sealed record ModelEscalation(ModelRiskRecord Risk, string Rule);
