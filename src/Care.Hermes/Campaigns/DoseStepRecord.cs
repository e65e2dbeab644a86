namespace Care.Hermes.Campaigns;

/// <summary>One recorded step of a dose: what it was, when, and the SHA-256 of its ledger entry's promised form (to ask for its proof).</summary>
/// <param name="Step">The step.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="EntrySha256">SHA-256 of the <c>VaccineDoseStep</c> entry's promised form, lower-case hex.</param>
/// <param name="Detail">What happened, in words.</param>
public sealed record DoseStepRecord(DoseStep Step, DateTimeOffset At, string EntrySha256, string Detail);
