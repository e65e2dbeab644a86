using System.Security.Cryptography;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Ingest;
using Care.Hermes.Storage;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Therapy;

/// <summary>
/// Dose plans and cartridge fills, the core's rules rather than an endpoint's: a plan is written to
/// the ledger as <c>DosePlanIssued</c>; a fill must match the wearer's newest plan (its id, drug,
/// unit and prescribed amount) and is written as <c>CartridgeFilled</c>. The match and the append
/// happen in one write session, so a fill can never be recorded against a plan that another plan
/// superseded in between. Thread safe.
/// </summary>
/// <param name="store">Where the ledger lives.</param>
public sealed class DosePlans(IHermesStore store)
{
    /// <summary>Dosing units a plan may use.</summary>
    public static readonly IReadOnlyList<string> Units = ["U", "mg", "mL"];

    /// <summary>
    /// Issues a plan of <paramref name="amount"/> <paramref name="unit"/> of <paramref name="drug"/> for
    /// <paramref name="wearer"/>, by <paramref name="issuedBy"/> (a token id), and returns it with its
    /// ledger index; null when no data is stored for the wearer. Throws <see cref="InvalidInputException"/>
    /// for a unit outside <see cref="Units"/> or a field the ledger refuses.
    /// </summary>
    public async Task<IssuedPlan?> IssueAsync(WearerId wearer, string drug, double amount, string unit, string issuedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(drug);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        if (!Units.Contains(unit))
        {
            throw new InvalidInputException("$.unit", $"'{unit}' is not a dosing unit; use U, mg or mL");
        }
        if (!await store.WearerExistsAsync(wearer, cancellationToken))
        {
            return null;
        }
        string planId = "plan-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var plan = new CanonicalFields();
        plan.Text("planId", planId);
        plan.Text("wearer", wearer.Value);
        plan.Text("drug", drug);
        plan.Number("amount", amount);
        plan.Text("unit", unit);
        string planSha = Convert.ToHexStringLower(SHA256.HashData(plan.ToCanonicalJson()));
        long index = await store.AppendToLedgerAsync(new DosePlanIssued(planId, wearer, drug, amount, unit, planSha, issuedBy) { At = at }, cancellationToken);
        return new IssuedPlan(planId, wearer, drug, amount, unit, planSha, index);
    }

    /// <summary>
    /// Records <paramref name="fill"/> if it matches the wearer's newest plan, checked and appended in
    /// one write session; returns its ledger index. Throws <see cref="IngestConflictException"/> naming
    /// the field when it names another plan (none, or one since superseded) or other amounts.
    /// </summary>
    public async Task<long> RecordFillAsync(CartridgeFilled fill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var wearer = fill.Wearer ?? throw new InvalidInputException("$.wearerId", "a fill names its wearer");
        long index = await RecordFillInSessionAsync(fill, wearer, cancellationToken);
        // A backend with an outbox returned the entry's outbox id: the answer names its log index, so
        // await inclusion (after the session let the write lock go).
        return store is Ledger.ILedgerOutboxStore outbox ? await outbox.Sequencer.AwaitInclusionAsync(index, cancellationToken) : index;
    }

    private async Task<long> RecordFillInSessionAsync(CartridgeFilled fill, WearerId wearer, CancellationToken cancellationToken)
    {
        await using var session = await store.BeginIngestAsync(cancellationToken);
        var latest = await session.LatestLedgerEntryAsync(nameof(DosePlanIssued), wearer);
        // Index −1: the newest plan is still in the ledger's outbox (its promised form).
        var plan = latest is null ? null : (latest.Index < 0 ? LedgerEntryReader.ReadPromised(latest.Data) : LedgerEntryReader.Read(latest.Data).Entry) as DosePlanIssued;
        Match(plan, fill, wearer);
        long index;
        try
        {
            index = await session.AppendLedgerAsync(fill);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(fill.Kind, e.Message);
        }
        await session.CommitAsync();
        return index;
    }

    /// <summary>The matching rule: the fill names the newest plan and reports what it prescribes.</summary>
    private static void Match(DosePlanIssued? plan, CartridgeFilled fill, WearerId wearer)
    {
        if (plan is null || plan.PlanId != fill.PlanId)
        {
            throw new IngestConflictException("$.planId", $"'{fill.PlanId}' is not the newest dose plan of wearer '{wearer}'");
        }
        if (plan.Drug != fill.Drug || plan.Unit != fill.Unit || plan.Amount != fill.Prescribed)
        {
            throw new IngestConflictException("$.prescribed", $"the fill reports {fill.Prescribed} {fill.Unit} {fill.Drug}; plan {plan.PlanId} prescribes {plan.Amount} {plan.Unit} {plan.Drug}");
        }
    }
}
