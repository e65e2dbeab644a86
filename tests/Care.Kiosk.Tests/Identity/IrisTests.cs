using Care.Kiosk.Identity;

namespace Care.Kiosk.Tests.Identity;

public sealed class IrisTests
{
    private static byte[] Key(int seed)
    {
        var key = new byte[32];
        new Random(seed).NextBytes(key);
        return key;
    }

    [Fact]
    public void Given_two_captures_of_one_eye_When_compared_Then_they_match_and_a_stranger_does_not()
    {
        var source = new SyntheticIrises(7);
        var eye = source.NewEye();
        var a = source.Capture(eye, 0.4);
        var b = source.Capture(eye, 0.4);
        var stranger = source.Capture(source.NewEye(), 0.4);
        Assert.InRange(IrisMatcher.Compare(a, b).NormalisedDistance, 0, 0.32);
        Assert.InRange(IrisMatcher.Compare(a, stranger).NormalisedDistance, 0.38, 0.6);
    }

    [Fact]
    public void Given_a_code_rotated_by_three_positions_When_compared_Then_the_search_finds_shift_minus_three_at_distance_zero()
    {
        var code = new SyntheticIrises(8).Capture(new SyntheticIrises(9).NewEye(), 0);
        var c = IrisMatcher.Compare(code, code.Rotate(3));
        Assert.Equal(-3, c.Shift);
        Assert.Equal(0, c.RawDistance);
    }

    [Fact]
    public void Given_a_protected_template_When_matched_Then_the_distance_is_exactly_that_of_the_clear_codes()
    {
        var source = new SyntheticIrises(10);
        var eye = source.NewEye();
        var enrolled = source.Capture(eye, 0.5);
        var probe = source.Capture(eye, 0.5);
        var protector = new IrisTemplateProtector(Key(1));
        Assert.Equal(IrisMatcher.Compare(enrolled, probe), protector.Compare(protector.Protect(enrolled), probe));
    }

    [Fact]
    public void Given_a_stolen_template_When_matched_under_another_key_or_after_reissue_Then_it_looks_like_a_stranger()
    {
        var source = new SyntheticIrises(11);
        var eye = source.NewEye();
        var enrolled = source.Capture(eye, 0.3);
        var probe = source.Capture(eye, 0.3);
        var stolen = new IrisTemplateProtector(Key(1)).Protect(enrolled);
        var other = new IrisTemplateProtector(Key(2));
        Assert.Throws<ArgumentException>(() => other.Compare(stolen, probe));
        // Even forced through the other system's transform, the same eye scores as an impostor.
        var forced = other.Compare(stolen with { KeyId = other.KeyId }, probe);
        Assert.InRange(forced.NormalisedDistance, 0.4, 0.6);
        // Re-issued under a new key, the old template no longer matches the new one of the same eye.
        var reissued = other.Protect(source.Capture(eye, 0.3));
        var d = IrisMatcher.Distance(stolen.Code, stolen.Mask, reissued.Code, reissued.Mask, 0);
        Assert.InRange(d.RawDistance, 0.4, 0.6);
    }

    [Fact]
    public void Given_a_fully_occluded_probe_When_compared_Then_nothing_is_compared_and_it_cannot_match()
    {
        var source = new SyntheticIrises(12);
        var code = source.Capture(source.NewEye(), 0.3);
        var blind = IrisCode.FromWords(code.CodeWords, new ulong[IrisCode.Words]);
        var c = IrisMatcher.Compare(code, blind);
        Assert.Equal(0, c.BitsCompared);
        Assert.Equal(1, c.NormalisedDistance);
    }

    [Fact]
    public void Given_few_bits_compared_When_normalised_Then_the_score_is_pulled_towards_one_half()
    {
        Assert.Equal(0.2, IrisMatcher.Normalise(0.2, 911), 12);
        Assert.True(IrisMatcher.Normalise(0.2, 200) > 0.35);
    }

    [Fact]
    public void Given_a_stated_false_match_rate_When_the_threshold_is_set_Then_the_model_rate_at_it_is_no_higher()
    {
        double t = IrisThreshold.For(1e-6, 249, 7);
        Assert.InRange(t, 0.30, 0.36);
        Assert.True(IrisThreshold.FalseMatchRate(t, 249, 7) <= 1e-6);
        Assert.True(IrisThreshold.FalseMatchRate(t + 0.01, 249, 7) > 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => IrisThreshold.For(double.NaN, 249, 7));
    }

    [Fact]
    public void Given_bad_code_sizes_or_keys_When_built_Then_they_are_refused_with_the_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => IrisCode.FromBits(new bool[10], new bool[IrisCode.Bits]));
        Assert.Contains("got 10 and 2048", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new IrisTemplateProtector(new byte[16]));
    }

    [Fact]
    public void Given_generated_eyes_When_evaluated_Then_impostors_have_about_249_degrees_of_freedom_and_d_prime_is_high()
    {
        var r = IrisEvaluation.Run(40, 2, 3, 1e-6);
        Assert.InRange(r.DegreesOfFreedom, 180, 360);
        Assert.InRange(r.DPrime, 5, 15);
        Assert.Equal(0, r.FalseMatchRate(r.Threshold));
    }
}
