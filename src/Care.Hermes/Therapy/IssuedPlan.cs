using Care.Core.Ids;

namespace Care.Hermes.Therapy;

/// <summary>A dose plan as issued and written to the ledger.</summary>
/// <param name="PlanId">Its id, <c>plan-</c> and 16 hex digits.</param>
/// <param name="Wearer">Whose plan it is.</param>
/// <param name="Drug">The drug, e.g. <c>insulin-aspart</c>.</param>
/// <param name="Amount">The prescribed amount, in <paramref name="Unit"/>.</param>
/// <param name="Unit">U, mg or mL.</param>
/// <param name="PlanSha256">Hex SHA-256 of the plan's canonical fields.</param>
/// <param name="LedgerIndex">Its <c>DosePlanIssued</c> entry's index.</param>
public sealed record IssuedPlan(string PlanId, WearerId Wearer, string Drug, double Amount, string Unit, string PlanSha256, long LedgerIndex);
