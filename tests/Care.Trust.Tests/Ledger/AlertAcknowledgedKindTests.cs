using System.Text;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Trust.Tests.Ledger;

/// <summary>The alert kind on acknowledgements, and the entries written before it existed.</summary>
public sealed class AlertAcknowledgedKindTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An acknowledgement exactly as the code before the kind wrote it (canonical bytes, index 7).</summary>
    private const string OldForm =
        """{"actor":"tok_1","alertId":42,"at":"2026-11-27T09:00:00.000Z","index":7,"kind":"AlertAcknowledged","level":"high","role":"clinician","v":1,"wearer":"W-3"}""";

    [Theory]
    [InlineData("news2")]
    [InlineData("sepsis-model")]
    public void Acknowledgement_with_its_alert_kind_reads_back_with_identical_bytes(string kind)
    {
        var entry = new AlertAcknowledged("tok_1", "clinician", WearerId.Parse("W-3"), 42, "medium", kind) { At = At };
        var bytes = entry.ToCanonicalJson(7);
        Assert.Contains($"\"alertKind\":\"{kind}\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var (read, index) = LedgerEntryReader.Read(bytes);
        var ack = Assert.IsType<AlertAcknowledged>(read);
        Assert.Equal(kind, ack.AlertKind);
        Assert.Equal(entry, ack);
        Assert.Equal(bytes, ack.ToCanonicalJson(index));
    }

    [Fact]
    public void Entry_written_before_the_kind_keeps_its_bytes_and_hash_and_reads_with_no_kind()
    {
        byte[] old = Encoding.UTF8.GetBytes(OldForm);
        var (read, index) = LedgerEntryReader.Read(old);
        var ack = Assert.IsType<AlertAcknowledged>(read);
        Assert.Null(ack.AlertKind);
        Assert.Equal("high", ack.Level);
        Assert.Equal(7, index);
        // Re-encoding gives the very bytes that were hashed, so the old leaf hash still verifies.
        Assert.Equal(old, ack.ToCanonicalJson(index));
        Assert.Equal(MerkleHash.Leaf(old), MerkleHash.Leaf(new AlertAcknowledged("tok_1", "clinician", WearerId.Parse("W-3"), 42, "high") { At = At }.ToCanonicalJson(7)));
    }

    [Theory]
    [InlineData(",\"alertKind\":7")]
    [InlineData(",\"alertKind\":null")]
    public void Alert_kind_that_is_not_text_is_refused_with_the_field_named(string field)
    {
        string json = OldForm.Insert(OldForm.Length - 1, field);
        var error = Assert.Throws<InvalidInputException>(() => LedgerEntryReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("ledger entry at alertKind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_alert_kind_is_refused_when_written()
    {
        var entry = new AlertAcknowledged("tok_1", "clinician", WearerId.Parse("W-3"), 42, "high", " ") { At = At };
        var error = Assert.Throws<ArgumentException>(() => entry.ToCanonicalJson(0));
        Assert.Contains("alertKind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_with_acknowledgements_of_both_forms_verifies()
    {
        using var temp = new TempLedger();
        using var store = temp.Open();
        store.AppendBatch(
        [
            new AlertAcknowledged("tok_1", "clinician", WearerId.Parse("W-3"), 41, "high") { At = At },
            new AlertAcknowledged("tok_1", "clinician", WearerId.Parse("W-3"), 42, "medium", "sepsis-model") { At = At.AddMinutes(1) },
            new AlertAcknowledged("tok_2", "clinician", WearerId.Parse("W-4"), 43, "medium", "news2") { At = At.AddMinutes(2) },
        ]);
        store.PublishTreeHead();
        var result = TempLedger.Verify(store.Connection, store.PublicKey!);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(3, result.Entries);
        var kinds = Enumerable.Range(0, 3).Select(i => ((AlertAcknowledged)LedgerEntryReader.Read(store.Read(i).Data).Entry).AlertKind);
        Assert.Equal([null, "sepsis-model", "news2"], kinds);
    }
}
