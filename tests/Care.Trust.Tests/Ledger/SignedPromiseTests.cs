using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Trust.Tests.Ledger;

public sealed class SignedPromiseTests
{
    private static readonly HybridSigningKey Key = HybridSigningKey.FromSeeds(Enumerable.Range(0, HybridSigningKey.SeedBytes).Select(i => (byte)i).ToArray());
    private static readonly DateTimeOffset At = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private static (LedgerEntry Entry, SignedPromise Promise) Promised(int i)
    {
        var entry = TempLedger.Entry(i);
        return (entry, SignedPromise.Sign(Key, entry.ToPromisedJson(), At, Delay));
    }

    private static LedgerRecord Included(LedgerEntry entry, long index)
    {
        var data = entry.ToCanonicalJson(index, new byte[32]);
        return new LedgerRecord(index, entry.Kind, entry.Wearer?.Value, data, MerkleHash.Leaf(data));
    }

    private static SignedTreeHead Head(long size, DateTimeOffset at) => SignedTreeHead.Sign(Key, size, new byte[32], at);

    [Fact]
    public void Given_a_signed_promise_When_verified_with_the_log_key_Then_it_verifies_and_fails_for_another_key_or_a_changed_field()
    {
        var (_, promise) = Promised(1);
        Assert.True(promise.Verify(Key.PublicKey));
        Assert.False(promise.Verify(HybridSigningKey.Generate().PublicKey));
        Assert.False((promise with { Timestamp = promise.Timestamp.AddMilliseconds(1) }).Verify(Key.PublicKey));
        Assert.False((promise with { MaximumMergeDelay = TimeSpan.FromSeconds(2) }).Verify(Key.PublicKey));
        var otherHash = (byte[])promise.EntrySha256.Clone();
        otherHash[0] ^= 1;
        Assert.False((promise with { EntrySha256 = otherHash }).Verify(Key.PublicKey));
        Assert.Equal(At + Delay, promise.Deadline);
    }

    [Fact]
    public void Given_the_promised_entry_under_a_timely_head_When_checked_Then_the_promise_is_honoured()
    {
        var (entry, promise) = Promised(3);
        Assert.Null(promise.Check(Included(entry, 17), Head(18, At + Delay)));
    }

    [Fact]
    public void Given_another_entry_a_short_head_or_a_late_head_When_checked_Then_the_broken_promise_is_named()
    {
        var (entry, promise) = Promised(3);
        Assert.Contains("not the promised entry", promise.Check(Included(TempLedger.Entry(4), 17), Head(18, At)), StringComparison.Ordinal);
        Assert.Contains("not covered", promise.Check(Included(entry, 17), Head(17, At)), StringComparison.Ordinal);
        Assert.Contains("after the promise's deadline", promise.Check(Included(entry, 17), Head(18, At + Delay + TimeSpan.FromMilliseconds(1))), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_delay_outside_one_millisecond_to_one_day_When_signing_Then_it_is_refused()
    {
        var promised = TempLedger.Entry(0).ToPromisedJson();
        Assert.Throws<ArgumentOutOfRangeException>(() => SignedPromise.Sign(Key, promised, At, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignedPromise.Sign(Key, promised, At, TimeSpan.FromDays(2)));
    }
}
