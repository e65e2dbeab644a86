using Care.Core.Ids;
using Care.Hermes.Ingest;
using Care.Hermes.Storage.Sqlite;
using Care.Hermes.Therapy;
using Care.Trust.Ledger.Entries;
using Microsoft.Extensions.Time.Testing;

namespace Care.Hermes.Tests.Therapy;

/// <summary>
/// A fill is matched against the newest plan and appended in one write session: a plan issued
/// between the match and the append (two lock acquisitions before the split) can no longer leave a
/// fill recorded against a superseded plan.
/// Runs alone: its racing tasks would otherwise load the process-wide allocation counter other tests read.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class DosePlanRaceTests : IDisposable
{
    private static readonly WearerId Wearer = WearerId.Parse("W-9");
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Vitals.Now);

    public void Dispose() => _db.Dispose();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DosePlanIssued Plan(string id, double amount) =>
        new(id, Wearer, "insulin-aspart", amount, "U", new string('a', 64), "dr-test") { At = Vitals.Now };

    private static CartridgeFilled Fill(DosePlanIssued plan, int i) =>
        new($"cart-{i}", Wearer, plan.PlanId, plan.Drug, plan.Amount, plan.Amount, plan.Amount, plan.Unit, "assay-1") { At = Vitals.Now };

    [Fact]
    public async Task Fill_against_a_superseded_plan_is_refused_with_the_plan_named()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var plans = new DosePlans(store);
        var first = Plan("plan-1", 300);
        await store.AppendToLedgerAsync(first, Cancel);
        await store.AppendToLedgerAsync(Plan("plan-2", 280), Cancel);
        var conflict = await Assert.ThrowsAsync<IngestConflictException>(() => plans.RecordFillAsync(Fill(first, 0), Cancel));
        Assert.Contains("'plan-1' is not the newest dose plan", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(2, await store.LedgerSizeAsync(Cancel));
    }

    [Fact]
    public async Task Fill_with_other_amounts_than_its_plan_is_refused_and_nothing_is_written()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var plans = new DosePlans(store);
        var plan = Plan("plan-1", 300);
        await store.AppendToLedgerAsync(plan, Cancel);
        var wrong = Fill(plan, 0) with { Prescribed = 30 };
        await Assert.ThrowsAsync<IngestConflictException>(() => plans.RecordFillAsync(wrong, Cancel));
        Assert.Equal(1, await store.LedgerSizeAsync(Cancel));
        Assert.Equal(1, await plans.RecordFillAsync(Fill(plan, 1), Cancel));
    }

    [Fact]
    public async Task Fills_racing_new_plans_are_each_recorded_only_against_the_plan_newest_at_their_append()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var plans = new DosePlans(store);
        int recorded = 0, refused = 0;
        for (int round = 0; round < 60; round++)
        {
            var current = Plan($"plan-{round}-a", 300);
            await store.AppendToLedgerAsync(current, Cancel);
            // The fill (for the plan newest when it was prepared) races a clinician issuing the next plan.
            var fill = Task.Run(async () =>
            {
                try
                {
                    await plans.RecordFillAsync(Fill(current, round), Cancel);
                    return true;
                }
                catch (IngestConflictException)
                {
                    return false;
                }
            }, Cancel);
            var supersede = Task.Run(() => store.AppendToLedgerAsync(Plan($"plan-{round}-b", 250), Cancel), Cancel);
            await Task.WhenAll(fill, supersede);
            if (await fill)
            {
                recorded++;
            }
            else
            {
                refused++;
            }
        }
        // Every recorded fill names the plan that was newest just before it in the log.
        var page = await store.ProveWearerAsync(Wearer, -1, 10_000, Cancel);
        var entries = page.Proven.Select(p => p.Data).Concat(page.Pending.Select(p => p.Data)).Select(d => LedgerEntryReader.Read(d).Entry).ToList();
        string? newest = null;
        int fills = 0;
        foreach (var entry in entries)
        {
            if (entry is DosePlanIssued plan)
            {
                newest = plan.PlanId;
            }
            else if (entry is CartridgeFilled filled)
            {
                Assert.Equal(newest, filled.PlanId);
                fills++;
            }
        }
        Assert.Equal(recorded, fills);
        Assert.Equal(60, recorded + refused);
    }
}
