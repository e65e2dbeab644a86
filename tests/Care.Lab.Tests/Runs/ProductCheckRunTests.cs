using Care.Core.Errors;
using Care.Lab.Ledger;
using Care.Lab.Runs;
using Care.Trust.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Care.Lab.Tests.Runs;

public sealed class ProductCheckRunTests
{
    private static readonly HybridSigningKey LedgerKey = HybridSigningKey.FromSeeds(Enumerable.Range(7, 64).Select(i => (byte)i).ToArray());
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Given_a_clean_product_When_checked_Then_it_completes_and_its_result_verifies_offline()
    {
        var run = ProductCheckRun.Run(new ProductCheckOptions(Seed: 11, Reads: 4000, PayloadFraction: 0), LedgerKey, Time);

        Assert.True(run.Verification.Passed, string.Join("; ", run.Verification.Reasons));
        Assert.Equal("completed", run.Completed.Outcome);
        var verified = LabLedgerVerifier.VerifyResult(run.LedgerExport, "export", LedgerKey.PublicKey, run.JobId, run.ResultFastq);
        Assert.Equal(run.Completed.ResultSha256, verified.ResultSha256);
    }

    [Fact]
    public void Given_a_product_with_a_2_percent_payload_When_checked_Then_it_is_quarantined_in_the_ledger()
    {
        var run = ProductCheckRun.Run(new ProductCheckOptions(Seed: 12, Reads: 4000, PayloadFraction: 0.02), LedgerKey, Time);

        Assert.False(run.Verification.Passed);
        Assert.Equal("quarantined", run.Completed.Outcome);
        Assert.Equal("quarantined", LabLedgerVerifier.VerifyResult(run.LedgerExport, "export", LedgerKey.PublicKey, run.JobId, run.ResultFastq).Outcome);
    }

    [Fact]
    public void Given_a_checked_product_When_the_ledger_is_read_Then_release_attestation_authorisation_start_and_completion_are_all_there_in_order()
    {
        var run = ProductCheckRun.Run(new ProductCheckOptions(Seed: 13, Reads: 1000, PayloadFraction: 0), LedgerKey, Time);
        var kinds = System.Text.Json.JsonDocument.Parse(run.LedgerExport).RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(e.GetString()!)).RootElement.GetProperty("kind").GetString())
            .ToList();
        Assert.Equal(["FirmwareReleased", "InstrumentAttested", "LabJobAuthorised", "LabJobStarted", "LabJobCompleted"], kinds);
    }

    [Fact]
    public void Given_the_result_file_with_one_read_changed_When_verified_Then_the_hash_mismatch_is_named()
    {
        var run = ProductCheckRun.Run(new ProductCheckOptions(Seed: 14, Reads: 500, PayloadFraction: 0), LedgerKey, Time);
        var edited = (byte[])run.ResultFastq.Clone();
        var at = Array.IndexOf(edited, (byte)'\n') + 1;
        edited[at] = edited[at] == (byte)'A' ? (byte)'C' : (byte)'A';

        var e = Assert.Throws<InvalidInputException>(() => LabLedgerVerifier.VerifyResult(run.LedgerExport, "export", LedgerKey.PublicKey, run.JobId, edited));
        Assert.Contains("does not match the ledgered", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_same_seed_When_run_twice_Then_the_result_file_is_the_same()
    {
        var a = ProductCheckRun.Run(new ProductCheckOptions(Seed: 15, Reads: 300, PayloadFraction: 0.01), LedgerKey, Time);
        var b = ProductCheckRun.Run(new ProductCheckOptions(Seed: 15, Reads: 300, PayloadFraction: 0.01), LedgerKey, Time);

        Assert.Equal(a.ResultFastq, b.ResultFastq);
        Assert.Equal(a.Completed.ResultSha256, b.Completed.ResultSha256);
    }

    [Theory]
    [InlineData(99, 0.0)]
    [InlineData(1000, 0.5)]
    [InlineData(1000, -0.01)]
    [InlineData(1000, double.NaN)]
    public void Given_absurd_options_When_run_Then_they_are_refused_before_anything_is_made(int reads, double payload)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProductCheckRun.Run(new ProductCheckOptions(1, reads, payload), LedgerKey, Time));
    }
}
