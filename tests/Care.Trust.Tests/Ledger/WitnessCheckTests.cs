using Care.Trust.Identity;
using Care.Trust.Ledger;
using Microsoft.Extensions.Time.Testing;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Trust.Tests.Ledger;

public sealed class WitnessCheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_log_that_grows_by_appending_is_consistent_and_one_that_rewrites_or_shrinks_is_a_fork()
    {
        using var temp = new TempLedger();
        var clock = new FakeTimeProvider(T0);
        using var store = SqliteLedgerStore.OpenFile(temp.DatabasePath, clock);
        var key = store.PublicKey!;
        store.AppendBatch([.. Enumerable.Range(0, 6).Select(TempLedger.Entry)]);
        var first = store.PublishTreeHead();
        Assert.Equal(WitnessOutcome.Consistent, WitnessCheck.Check(null, first, null, key).Outcome);
        store.AppendBatch([.. Enumerable.Range(6, 5).Select(TempLedger.Entry)]);
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = store.PublishTreeHead();
        var proof = store.ConsistencyProof(first.TreeSize, second.TreeSize);
        Assert.Equal(WitnessOutcome.Consistent, WitnessCheck.Check(first, second, proof, key).Outcome);
        Assert.Equal(WitnessOutcome.Consistent, WitnessCheck.Check(second, second, null, key).Outcome);
        Assert.Equal(WitnessOutcome.Fork, WitnessCheck.Check(second, first, null, key).Outcome);
        Assert.Equal(WitnessOutcome.Fork, WitnessCheck.Check(first, second, null, key).Outcome);
        var bent = proof.Select(p => (byte[])p.Clone()).ToList();
        bent[0][0] ^= 1;
        var forked = WitnessCheck.Check(first, second, bent, key);
        Assert.Equal(WitnessOutcome.Fork, forked.Outcome);
        Assert.Contains("does not extend", forked.Detail, StringComparison.Ordinal);
        var sameSize = second with { RootHash = first.RootHash };
        var resigned = SignedTreeHead.Sign(LedgerKeyFile.LoadOrCreate(temp.DatabasePath), second.TreeSize, first.RootHash, second.Timestamp);
        Assert.Equal(WitnessOutcome.Fork, WitnessCheck.Check(second, resigned, null, key).Outcome);
        Assert.Equal(WitnessOutcome.BadSignature, WitnessCheck.Check(first, sameSize, proof, key).Outcome);
        Assert.Equal(WitnessOutcome.BadSignature, WitnessCheck.Check(first, second, proof, HybridSigningKey.Generate().PublicKey).Outcome);
    }
}
