namespace Care.Lab.Attestation;

/// <summary>The lab service's decision on a quote.</summary>
/// <param name="Accepted">True when the instrument may run authorised jobs until its next boot.</param>
/// <param name="Reason">Why it was refused, or <c>fresh quote</c>.</param>
public readonly record struct AttestationOutcome(bool Accepted, string Reason);
