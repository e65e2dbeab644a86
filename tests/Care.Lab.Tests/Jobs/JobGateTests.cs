using System.Text;
using Care.Core.Errors;
using Care.Lab.Ledger;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Tests.Jobs;

public sealed class JobGateTests
{
    [Fact]
    public void Given_an_attested_instrument_and_its_authorisation_When_the_job_runs_Then_it_is_ledgered_and_its_result_verifies_offline()
    {
        var lab = new LabFixture();
        Assert.True(lab.Boot().Accepted);
        Assert.Null(lab.Gate.Start(lab.Authorise(), "synth-1", "ATGGCT"u8));
        var result = "yield 23 nmol, purity 91 %"u8.ToArray();
        lab.Gate.Complete("job-1", result, "completed");
        Assert.Equal(["FirmwareReleased", "InstrumentAttested", "LabJobAuthorised", "LabJobStarted", "LabJobCompleted"], lab.Ledger.Entries.Select(e => e.Kind));
        var export = lab.Ledger.Export(lab.HermesKey);
        var completed = LabLedgerVerifier.VerifyResult(export, "lab.json", lab.HermesKey.PublicKey, "job-1", result);
        Assert.Equal("synth-1", completed.InstrumentId);
        var wrong = Assert.Throws<InvalidInputException>(() => LabLedgerVerifier.VerifyResult(export, "lab.json", lab.HermesKey.PublicKey, "job-1", "yield 30 nmol"u8));
        Assert.Contains("does not match", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_used_authorisation_When_it_is_replayed_Then_the_job_does_not_run_twice()
    {
        var lab = new LabFixture();
        lab.Boot();
        var authorisation = lab.Authorise();
        Assert.Null(lab.Gate.Start(authorisation, "synth-1", "ATGGCT"u8));
        lab.Gate.Complete("job-1", "ok"u8, "completed");
        Assert.Contains("already used", lab.Gate.Start(authorisation, "synth-1", "ATGGCT"u8), StringComparison.Ordinal);
        Assert.Single(lab.Ledger.Entries.OfType<LabJobStarted>());
        Assert.Contains(lab.Ledger.Entries.OfType<LabJob>(), e => e.Outcome.StartsWith("refused: authorisation already used", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_an_authorisation_altered_after_signing_When_presented_Then_it_is_refused_as_forged()
    {
        var lab = new LabFixture();
        lab.Boot();
        var altered = lab.Authorise() with { Protocol = "phosphoramidite-v2 + extra cassette" };
        Assert.Contains("forged or altered", lab.Gate.Start(altered, "synth-1", "ATGGCT"u8), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_authorisation_signed_by_another_key_When_presented_Then_it_is_refused()
    {
        var lab = new LabFixture();
        lab.Boot();
        var genuine = lab.Authorise();
        var mallory = HybridSigningKey.FromSeeds(new byte[64]);
        var forged = genuine with { Signature = mallory.Sign(genuine.SignedBytes()) };
        Assert.Contains("does not verify", lab.Gate.Start(forged, "synth-1", "ATGGCT"u8), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_expired_authorisation_When_presented_Then_it_is_refused()
    {
        var lab = new LabFixture();
        lab.Boot();
        var authorisation = lab.Authorise();
        lab.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal("authorisation expired", lab.Gate.Start(authorisation, "synth-1", "ATGGCT"u8));
    }

    [Fact]
    public void Given_an_authorisation_for_another_instrument_When_presented_by_this_one_Then_it_is_refused()
    {
        var lab = new LabFixture();
        lab.Boot();
        Assert.Contains("not this one", lab.Gate.Start(lab.Authorise(instrument: "synth-2"), "synth-1", "ATGGCT"u8), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_instrument_that_did_not_attest_When_it_presents_a_valid_authorisation_Then_it_is_refused()
    {
        var lab = new LabFixture();
        Assert.Contains("not attested", lab.Gate.Start(lab.Authorise(), "synth-1", "ATGGCT"u8), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_exported_ledger_with_a_rewritten_entry_When_verified_Then_the_rewrite_is_named()
    {
        var lab = new LabFixture();
        lab.Boot();
        lab.Gate.Start(lab.Authorise(), "synth-1", "ATGGCT"u8);
        lab.Gate.Complete("job-1", "ok"u8, "completed");
        var export = lab.Ledger.Export(lab.HermesKey);
        var last = lab.Ledger.Entries.Count - 1;
        var json = System.Text.Json.Nodes.JsonNode.Parse(export)!;
        var entries = json["entries"]!.AsArray();
        var bytes = Convert.FromBase64String(entries[last]!.GetValue<string>());
        var text = Encoding.UTF8.GetString(bytes).Replace("completed", "quarantined", StringComparison.Ordinal);
        entries[last] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var error = Assert.Throws<InvalidInputException>(() => LabLedgerVerifier.VerifyResult(json.ToJsonString(), "lab.json", lab.HermesKey.PublicKey, "job-1", "ok"u8));
        Assert.Contains("rewritten", error.Message, StringComparison.Ordinal);
        var foreignKey = HybridSigningKey.FromSeeds(new byte[64]).PublicKey;
        Assert.Contains("not signed by this key", Assert.Throws<InvalidInputException>(() => LabLedgerVerifier.VerifyResult(export, "lab.json", foreignKey, "job-1", "ok"u8)).Message, StringComparison.Ordinal);
    }
}
