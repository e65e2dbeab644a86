using Care.Epidemic.Exports;
using Care.Epidemic.Matching;
using Care.Epidemic.Proximity;

namespace Care.Epidemic.Tests.Matching;

public sealed class ExposureMatcherTests
{
    private const int Day0 = 2_650_032; // a multiple of 144 (UTC midnight)

    private static DiagnosisKey RandomKey(Random random, int start, int risk = 8, int? onset = 0) =>
        new(new Block128((ulong)random.NextInt64(), (ulong)random.NextInt64()), start, 144, risk, ReportType.ConfirmedTest, onset);

    private static Encounter Heard(DiagnosisKey key, int offset, double attenuation = 50, double minutes = 5)
    {
        var rpi = GaenCrypto.RollingProximityIdentifier(GaenCrypto.DeriveRpik(key.KeyData), key.RollingStartIntervalNumber + offset);
        return new Encounter(rpi, key.RollingStartIntervalNumber + offset, attenuation, minutes);
    }

    [Fact]
    public void Given_encounters_with_two_diagnosed_keys_among_noise_When_matched_Then_exactly_those_encounters_match()
    {
        var random = new Random(11);
        var sick = RandomKey(random, Day0);
        var sick2 = RandomKey(random, Day0 + 144);
        var healthy = RandomKey(random, Day0);
        var encounters = new List<Encounter> { Heard(sick, 3), Heard(sick, 4), Heard(healthy, 3), Heard(sick2, 100) };
        for (var i = 0; i < 2000; i++)
        {
            encounters.Add(new Encounter(new Block128((ulong)random.NextInt64(), (ulong)random.NextInt64()), Day0 + random.Next(288), 60, 5));
        }
        var published = new List<DiagnosisKey> { sick2, sick };
        for (var i = 0; i < 500; i++)
        {
            published.Add(RandomKey(random, Day0));
        }
        var matches = new List<ExposureMatch>();
        var count = new ExposureMatcher(new EncounterIndex(encounters)).Match(published.ToArray(), matches);
        Assert.Equal(3, count);
        Assert.Equal([Day0 + 144 + 100, Day0 + 3, Day0 + 4], matches.Select(m => m.KeyInterval));
        Assert.Equal([sick2, sick, sick], matches.Select(m => m.Key));
    }

    [Fact]
    public void Given_an_identifier_heard_long_after_its_key_expired_When_matched_Then_it_does_not_count()
    {
        var random = new Random(12);
        var key = RandomKey(random, Day0);
        var replayed = Heard(key, 10) with { Interval = Day0 + 144 + ExposureMatcher.ToleranceIntervals + 1 };
        var skewed = Heard(key, 11) with { Interval = Day0 + 144 + ExposureMatcher.ToleranceIntervals - 1 };
        var matches = new List<ExposureMatch>();
        new ExposureMatcher(new EncounterIndex([replayed, skewed])).Match([key], matches);
        Assert.Equal(skewed, Assert.Single(matches).Encounter);
    }

    [Fact]
    public void Given_an_empty_store_When_matched_Then_nothing_matches()
    {
        var matches = new List<ExposureMatch>();
        Assert.Equal(0, new ExposureMatcher(new EncounterIndex([])).Match([RandomKey(new Random(1), Day0)], matches));
    }

    [Fact]
    public void Risk_weights_closer_longer_and_riskier_exposures_higher_and_notifies_at_the_threshold()
    {
        var key = RandomKey(new Random(3), Day0);
        var near = new ExposureMatch(key, Heard(key, 1, attenuation: 50, minutes: 10), Day0 + 1);
        var far = new ExposureMatch(key, Heard(key, 1, attenuation: 70, minutes: 10), Day0 + 1);
        var beyond = new ExposureMatch(key, Heard(key, 1, attenuation: 80, minutes: 10), Day0 + 1);
        var w = RiskWeights.Default;
        Assert.Equal(10.0, ExposureRisk.Score(near, w), 12);
        Assert.Equal(2.5, ExposureRisk.Score(far, w), 12);
        Assert.Equal(0.0, ExposureRisk.Score(beyond, w), 12);
        var lowRisk = near with { Key = key with { TransmissionRiskLevel = 2, DaysSinceOnsetOfSymptoms = 9 } };
        Assert.Equal(10.0 * 2 / 8 * 0.6, ExposureRisk.Score(lowRisk, w), 12);
        Assert.False(ExposureRisk.IsRisky([near], w));
        Assert.True(ExposureRisk.IsRisky([near, near], w));
    }
}
