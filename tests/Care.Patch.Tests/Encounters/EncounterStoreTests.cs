using Care.Epidemic.Matching;
using Care.Epidemic.Proximity;
using Care.Patch.Encounters;

namespace Care.Patch.Tests.Encounters;

public sealed class EncounterStoreTests
{
    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Given_two_patches_that_met_When_one_uploads_its_keys_Then_the_other_finds_the_exposure_and_a_stranger_does_not()
    {
        var time = new ManualTime(Start);
        var sick = new ProximityKeyring(time);
        var stranger = new ProximityKeyring(time);
        var store = new EncounterStore(time);
        for (var i = 0; i < 4; i++)
        {
            store.Record(new Encounter(sick.CurrentIdentifier(), EnInterval.FromTime(time.Now), 50, 5));
            store.Record(new Encounter(stranger.CurrentIdentifier(), EnInterval.FromTime(time.Now), 50, 5));
            time.Now += TimeSpan.FromMinutes(10);
        }
        time.Now += TimeSpan.FromDays(2);
        var keys = sick.KeysForUpload(transmissionRiskLevel: 8, daysSinceOnsetToday: 2);
        Assert.Single(keys); // a key exists only for days the patch broadcast on
        Assert.All(keys, k => Assert.Null(k.Problem()));
        var assessment = store.Assess(keys.ToArray(), RiskWeights.Default);
        Assert.Equal(4, assessment.MatchedEncounters);
        Assert.Equal(1, assessment.DistinctKeys);
        Assert.Equal(20.0, assessment.WeightedMinutes, 9);
        Assert.True(assessment.Notify);
    }

    [Fact]
    public void Encounters_older_than_14_days_are_forgotten()
    {
        var time = new ManualTime(Start);
        var store = new EncounterStore(time);
        store.Record(new Encounter(new Block128(1, 2), EnInterval.FromTime(time.Now), 50, 5));
        time.Now += TimeSpan.FromDays(13.9);
        Assert.Equal(1, store.Count);
        time.Now += TimeSpan.FromDays(0.2);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void A_full_store_drops_its_oldest_encounter()
    {
        var time = new ManualTime(Start);
        var store = new EncounterStore(time, capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            store.Record(new Encounter(new Block128((ulong)i, 0), EnInterval.FromTime(time.Now), 50, 5));
        }
        Assert.Equal(3, store.Count);
    }

    [Theory]
    [InlineData(double.NaN, 5)]
    [InlineData(-1, 5)]
    [InlineData(50, 11)]
    public void Impossible_encounters_are_refused(double attenuation, double minutes)
    {
        var time = new ManualTime(Start);
        var store = new EncounterStore(time);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Record(new Encounter(default, EnInterval.FromTime(time.Now), attenuation, minutes)));
    }

    [Fact]
    public void Keys_for_upload_cover_at_most_14_days()
    {
        var time = new ManualTime(Start);
        var keyring = new ProximityKeyring(time);
        for (var d = 0; d < 20; d++)
        {
            keyring.CurrentIdentifier();
            time.Now += TimeSpan.FromDays(1);
        }
        keyring.CurrentIdentifier();
        var keys = keyring.KeysForUpload(4, null);
        Assert.Equal(14, keys.Count);
        Assert.Equal(keys.Count, keys.Select(k => k.KeyData).Distinct().Count());
    }
}
