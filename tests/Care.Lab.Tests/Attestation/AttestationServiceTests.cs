using Care.Lab.Attestation;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Tests.Attestation;

public sealed class AttestationServiceTests
{
    [Fact]
    public void Given_a_registered_instrument_on_released_firmware_When_it_answers_a_fresh_challenge_Then_it_is_accepted_and_ledgered()
    {
        var lab = new LabFixture();
        var outcome = lab.Boot();
        Assert.True(outcome.Accepted, outcome.Reason);
        Assert.True(lab.Attestation.IsAttested("synth-1"));
        var entry = Assert.Single(lab.Ledger.Entries.OfType<InstrumentAttested>());
        Assert.Equal("accepted", entry.Outcome);
    }

    [Fact]
    public void Given_an_accepted_quote_When_it_is_replayed_Then_it_is_refused_as_replay_and_the_attestation_ends()
    {
        var lab = new LabFixture();
        var quote = lab.Agent.Quote(lab.Attestation.IssueChallenge("synth-1"));
        Assert.True(lab.Attestation.Verify(quote).Accepted);
        var replay = lab.Attestation.Verify(quote);
        Assert.False(replay.Accepted);
        Assert.Contains("replayed", replay.Reason, StringComparison.Ordinal);
        Assert.False(lab.Attestation.IsAttested("synth-1"));
        Assert.Equal("refused", lab.Ledger.Entries.OfType<InstrumentAttested>().Last().Outcome);
    }

    [Fact]
    public void Given_a_challenge_older_than_its_lifetime_When_answered_Then_it_is_refused_as_stale()
    {
        var lab = new LabFixture();
        var challenge = lab.Attestation.IssueChallenge("synth-1");
        lab.Time.Advance(AttestationService.ChallengeLifetime + TimeSpan.FromSeconds(1));
        var outcome = lab.Attestation.Verify(lab.Agent.Quote(challenge));
        Assert.False(outcome.Accepted);
        Assert.Contains("stale", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_firmware_not_released_in_the_ledger_When_quoted_Then_it_is_refused()
    {
        var lab = new LabFixture();
        var tampered = new InstrumentAgent("synth-1", lab.InstrumentKey, "synthesiser firmware 3.1 + implant"u8, LabFixture.Configuration);
        var outcome = lab.Attestation.Verify(tampered.Quote(lab.Attestation.IssueChallenge("synth-1")));
        Assert.False(outcome.Accepted);
        Assert.Contains("firmware not released", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_quote_signed_by_another_key_When_verified_Then_the_forgery_is_refused()
    {
        var lab = new LabFixture();
        var forger = new InstrumentAgent("synth-1", HybridSigningKey.FromSeeds(new byte[64]), LabFixture.Firmware, LabFixture.Configuration);
        var outcome = lab.Attestation.Verify(forger.Quote(lab.Attestation.IssueChallenge("synth-1")));
        Assert.False(outcome.Accepted);
        Assert.Contains("signature", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_challenge_issued_to_another_instrument_When_answered_Then_it_is_refused()
    {
        var lab = new LabFixture();
        var outcome = lab.Attestation.Verify(lab.Agent.Quote(lab.Attestation.IssueChallenge("seq-9")));
        Assert.False(outcome.Accepted);
        Assert.Contains("another instrument", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_revoked_instrument_When_it_boots_Then_it_is_refused_and_loses_its_attestation()
    {
        var lab = new LabFixture();
        Assert.True(lab.Boot().Accepted);
        lab.Attestation.Revoke("synth-1");
        Assert.False(lab.Attestation.IsAttested("synth-1"));
        var outcome = lab.Boot();
        Assert.False(outcome.Accepted);
        Assert.Equal("instrument revoked", outcome.Reason);
    }

    [Fact]
    public void Given_a_classical_only_identity_When_it_boots_Then_it_is_refused()
    {
        var lab = new LabFixture();
        var key = HybridSigningKey.FromSeeds(Enumerable.Repeat((byte)7, 64).ToArray());
        lab.Attestation.Register(new InstrumentRegistration("old-seq", "synthesiser", "ed25519", key.PublicKey));
        var agent = new InstrumentAgent("old-seq", key, LabFixture.Firmware, LabFixture.Configuration);
        var outcome = lab.Attestation.Verify(agent.Quote(lab.Attestation.IssueChallenge("old-seq")));
        Assert.False(outcome.Accepted);
        Assert.Contains("classical-only", outcome.Reason, StringComparison.Ordinal);
    }
}
