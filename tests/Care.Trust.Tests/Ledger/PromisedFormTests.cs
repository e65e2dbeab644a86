using System.Text;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Trust.Tests.Ledger;

public sealed class PromisedFormTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 8, 0, 0, 123, TimeSpan.Zero);

    /// <summary>Every kind the log writes today, with names that fall before, between and after <c>index</c> and <c>prevRoot</c>.</summary>
    public static TheoryData<int> Kinds => [.. Enumerable.Range(0, Samples().Count)];

    private static List<LedgerEntry> Samples() =>
    [
        .. Enumerable.Range(0, 6).Select(TempLedger.Entry),
        new AlertAcknowledged("tok_1", "clinician", WearerId.Parse("w-3"), 42, "high", "sepsis-model") { At = At },
        new DeviceRegistered("patch-1", WearerId.Parse("w-3"), "kiosk-1", "hybrid", TempLedger.Sha(9), "tok_2") { At = At },
        new DeviceRetired("patch-1", WearerId.Parse("w-3"), "retired", "tok_2") { At = At },
        new BundleRefused("patch-1", WearerId.Parse("w-4"), "bound to another wearer", TempLedger.Sha(3), "w-3") { At = At },
        new TokenIssued("tok_3", "clinician", At.AddDays(30), "w-1 w-2", "op") { At = At },
        new TokenRevoked("tok_3", "op") { At = At },
        new LabJobStarted("job-1", "synth-2", TempLedger.Sha(4)) { At = At },
        new OrderScreened(TempLedger.Sha(5), "lab \"A\" \u00e9", "passed", "no hit") { At = At },
        new OutbreakSignalRaised(7, "kiosk-1", "2026-12-05", "fever", 23, 9.5, 3.25, "hermes-daily>3") { At = At },
        new VerificationCodeIssued("tok_4", "clinician", WearerId.Parse("w-5"), At.AddDays(1)) { At = At },
        new DiagnosisKeysPublished(7, "ZZ", 14, TempLedger.Sha(6)) { At = At },
        new VaccineDesigned("camp-1", TempLedger.Sha(6), TempLedger.Sha(7), 0.5, 0, -42.3, 0.81, "Care.Molecular 1.0") { At = At },
        new VaccineCampaignIssued("camp-1", TempLedger.Sha(7), 30, "any registered wearer", At.AddDays(90), "tok_1") { At = At },
        new VaccineDoseStep("dose-1", "camp-1", WearerId.Parse("w-3"), "verified", TempLedger.Sha(7), "reads map to the design", "lab-1") { At = At },
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Given_a_promised_entry_When_placed_at_random_positions_Then_the_bytes_equal_the_canonical_entry(int kind)
    {
        var entry = Samples()[kind];
        var promised = entry.ToPromisedJson();
        var random = new Random(20261205 + kind);
        foreach (long index in new long[] { 0, 1, 9, 10, 99_999, random.NextInt64(0, long.MaxValue) })
        {
            var root = new byte[32];
            random.NextBytes(root);
            Assert.Equal(entry.ToCanonicalJson(index, root), PromisedForm.Place(promised, index, root));
            Assert.Equal(entry.ToCanonicalJson(index), PromisedForm.Place(promised, index, default));
            Assert.Equal(promised, PromisedForm.Strip(entry.ToCanonicalJson(index, root)));
        }
    }

    [Fact]
    public void Given_a_promised_entry_When_read_Then_it_holds_neither_index_nor_previous_root()
    {
        var text = Encoding.UTF8.GetString(TempLedger.Entry(2).ToPromisedJson());
        Assert.DoesNotContain("\"index\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"prevRoot\"", text, StringComparison.Ordinal);
        Assert.StartsWith("{\"assay\":298.7,\"at\":", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":1,\"index\":3}", "sequencer's to set")]
    [InlineData("{\"a\":1,\"prevRoot\":\"00\"}", "sequencer's to set")]
    [InlineData("{\"b\":1,\"a\":2}", "out of canonical")]
    [InlineData("{\"a\":1,\"a\":2}", "repeated")]
    [InlineData("{\"a\":{\"b\":1}}", "flat")]
    [InlineData("{\"a\":[1]}", "flat")]
    [InlineData("{\"a\": 1}", "whitespace")]
    [InlineData("{\"a\":1, \"b\":2}", "whitespace")]
    [InlineData("{\"a\":1,\"b\":", "malformed")]
    [InlineData("{\"a\":1}x", "bytes after it")]
    [InlineData("[1]", "one JSON object")]
    [InlineData("", "malformed")]
    public void Given_bytes_that_are_not_a_flat_canonical_entry_When_placed_Then_they_are_refused_with_the_byte_offset(string json, string problem)
    {
        var error = Assert.Throws<InvalidInputException>(() => PromisedForm.Place(Encoding.UTF8.GetBytes(json), 0, default));
        Assert.Contains("ledger entry at byte", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_previous_root_of_the_wrong_length_When_placed_Then_it_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PromisedForm.Place(TempLedger.Entry(1).ToPromisedJson(), 1, new byte[31]));
    }
}
