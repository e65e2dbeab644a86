using Care.Core.Ids;
using Care.Trust.Ledger.Entries;

namespace Care.Trust.Tests.Ledger;

public sealed class CanonicalEntryTests
{
    [Fact]
    public void Cartridge_fill_serialises_with_sorted_keys_and_no_whitespace()
    {
        var entry = new CartridgeFilled("c-1", WearerId.Parse("w-9"), "p-1", "insulin", 300, 300, 298.5, "U", "assay-1") { At = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)) };
        var text = System.Text.Encoding.UTF8.GetString(entry.ToCanonicalJson(41));
        Assert.Equal("{\"assay\":298.5,\"at\":\"2026-01-02T01:04:05.678Z\",\"cartridgeId\":\"c-1\",\"drug\":\"insulin\",\"index\":41,\"instrument\":\"assay-1\",\"kind\":\"CartridgeFilled\",\"loaded\":300,\"planId\":\"p-1\",\"prescribed\":300,\"unit\":\"U\",\"v\":1,\"wearer\":\"w-9\"}", text);
    }

    [Fact]
    public void Equal_entries_give_identical_bytes_and_a_different_index_gives_different_bytes()
    {
        var a = TempLedger.Entry(4);
        var b = TempLedger.Entry(4);
        Assert.Equal(a.ToCanonicalJson(4), b.ToCanonicalJson(4));
        Assert.NotEqual(a.ToCanonicalJson(4), a.ToCanonicalJson(5));
    }

    [Fact]
    public void Non_finite_amount_is_refused_with_the_field_named()
    {
        var entry = new DosePlanIssued("p", WearerId.Parse("w"), "d", double.NaN, "U/d", TempLedger.Sha(1), "dr") { At = DateTimeOffset.UnixEpoch };
        var error = Assert.Throws<ArgumentException>(() => entry.ToCanonicalJson(0));
        Assert.Contains("amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_hash_and_empty_text_are_refused_with_the_field_named()
    {
        var badHash = new ModelReleased("m", "1", "ABC", "board") { At = DateTimeOffset.UnixEpoch };
        Assert.Contains("modelSha256", Assert.Throws<ArgumentException>(() => badHash.ToCanonicalJson(0)).Message, StringComparison.Ordinal);
        var empty = new RecordAccessed("", "clinician", WearerId.Parse("w"), "why") { At = DateTimeOffset.UnixEpoch };
        Assert.Contains("actor", Assert.Throws<ArgumentException>(() => empty.ToCanonicalJson(0)).Message, StringComparison.Ordinal);
    }
}
