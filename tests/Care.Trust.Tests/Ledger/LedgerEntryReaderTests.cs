using System.Text;
using Care.Core.Errors;
using Care.Trust.Ledger.Entries;

namespace Care.Trust.Tests.Ledger;

public sealed class LedgerEntryReaderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Every_kind_reads_back_to_an_equal_entry_with_identical_bytes(int i)
    {
        var entry = TempLedger.Entry(i);
        var bytes = entry.ToCanonicalJson(100 + i);
        var (read, index) = LedgerEntryReader.Read(bytes);
        Assert.Equal(entry, read);
        Assert.Equal(100 + i, index);
        Assert.Equal(bytes, read.ToCanonicalJson(index));
    }

    [Fact]
    public void Alert_acknowledgement_reads_back_with_identical_bytes()
    {
        var entry = new AlertAcknowledged("tok_1", "clinician", Core.Ids.WearerId.Parse("w-3"), 42, "high") { At = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero) };
        var bytes = entry.ToCanonicalJson(7);
        var (read, index) = LedgerEntryReader.Read(bytes);
        Assert.Equal(entry, read);
        Assert.Equal(7, index);
        Assert.Equal(bytes, read.ToCanonicalJson(index));
        Assert.Equal("w-3", read.Wearer?.Value);
    }

    [Fact]
    public void Cartridge_fill_reads_back_with_prescribed_loaded_and_assay_amounts()
    {
        var (entry, _) = LedgerEntryReader.Read(TempLedger.Entry(2).ToCanonicalJson(2));
        var fill = Assert.IsType<CartridgeFilled>(entry);
        Assert.Equal((300.0, 300.0, 298.7), (fill.Prescribed, fill.Loaded, fill.Assay));
    }

    [Theory]
    [InlineData("{\"kind\":\"Teleport\",\"v\":1,\"index\":0,\"at\":\"2026-01-01T00:00:00.000Z\"}", "kind")]
    [InlineData("{\"kind\":\"LabJob\",\"v\":2,\"index\":0,\"at\":\"2026-01-01T00:00:00.000Z\"}", "v")]
    [InlineData("{\"kind\":\"RecordAccessed\",\"v\":1,\"index\":0,\"at\":\"2026-01-01T00:00:00.000Z\",\"actor\":\"a\",\"role\":\"r\",\"reason\":\"x\"}", "wearer")]
    [InlineData("{\"kind\":\"LabJob\",\"v\":1,\"index\":\"zero\"}", "index")]
    public void Malformed_entry_is_refused_with_the_field_named(string json, string field)
    {
        var error = Assert.Throws<InvalidInputException>(() => LedgerEntryReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Contains($"ledger entry at {field}", error.Message, StringComparison.Ordinal);
    }
}
