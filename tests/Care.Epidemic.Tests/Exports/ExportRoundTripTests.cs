using System.IO.Compression;
using Care.Core.Errors;
using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;

namespace Care.Epidemic.Tests.Exports;

public sealed class ExportRoundTripTests
{
    private static DiagnosisKey Key(int seed, int start = 2_650_000, int period = 144, int risk = 4) =>
        new(new Block128((ulong)seed * 0x9E3779B97F4A7C15UL, (ulong)seed + 1), start, period, risk, ReportType.ConfirmedTest, 2);

    private static KeyExport Export(params DiagnosisKey[] keys) =>
        new(1_590_159_600, 1_590_246_000, "DE", 1, 1, [], keys, []);

    [Fact]
    public void Export_signed_by_ecdsa_and_a_second_key_verifies_with_each_and_not_with_a_stranger()
    {
        using var ecdsa = EcdsaP256ExportKey.Create("262", "v1");
        using var second = EcdsaP256ExportKey.Create("care_hybrid", "v1");
        using var stranger = EcdsaP256ExportKey.Create("262", "v1");
        var zip = ExportArchive.Write(Export(Key(1), Key(2), Key(3)), [ecdsa, second]);
        var read = ExportArchive.Read(zip, "batch.zip");
        Assert.Equal(3, read.Export.Keys.Count);
        Assert.Equal(Key(2), read.Export.Keys[1]);
        Assert.Equal(2, read.Signatures.Count);
        Assert.Equal(["262", "care_hybrid"], read.Export.SignatureInfos.Select(s => s.KeyId));
        Assert.True(read.IsSignedBy(ecdsa));
        Assert.True(read.IsSignedBy(second));
        Assert.False(read.IsSignedBy(stranger));
    }

    [Fact]
    public void Truncated_export_bin_is_refused_with_its_byte_offset()
    {
        var bin = ExportBin.Write(Export(Key(1), Key(2)));
        var ex = Assert.Throws<InvalidInputException>(() => ExportBin.Read(bin.AsSpan(0, bin.Length - 7), "cut.bin"));
        Assert.StartsWith("cut.bin byte ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid TemporaryExposureKeyExport", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_header_is_refused_naming_the_first_wrong_byte()
    {
        var bin = ExportBin.Write(Export(Key(1)));
        bin[3] = (byte)'X';
        var ex = Assert.Throws<InvalidInputException>(() => ExportBin.Read(bin, "x.bin"));
        Assert.StartsWith("x.bin byte 3:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_shorter_than_the_header_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ExportBin.Read("EK Ex"u8, "short.bin"));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2_650_000, 0, "rolling_period 0")]
    [InlineData(2_650_000, 145, "rolling_period 145")]
    [InlineData(-5, 144, "rolling_start_interval_number -5 is negative")]
    [InlineData(int.MaxValue - 10, 144, "overflows")]
    public void Keys_with_impossible_intervals_or_periods_are_refused_when_written_and_read(int start, int period, string expected)
    {
        var ex = Assert.Throws<InvalidInputException>(() => ExportBin.Write(Export(Key(1), Key(2, start, period))));
        Assert.Contains("keys[1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Risk_level_out_of_range_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ExportBin.Write(Export(Key(1, risk: 9))));
        Assert.Contains("transmission_risk_level 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_are_refused_naming_the_second()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ExportBin.Write(Export(Key(1), Key(2), Key(1, start: 2_650_144))));
        Assert.Contains("keys[2].key_data", ex.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_number_beyond_the_batch_size_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ExportBin.Write(Export(Key(1)) with { BatchNum = 3, BatchSize = 2 }));
        Assert.Contains("batch 3 of 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Archive_without_signature_file_is_refused()
    {
        var zip = Zip(("export.bin", ExportBin.Write(Export(Key(1)))));
        var ex = Assert.Throws<InvalidInputException>(() => ExportArchive.Read(zip, "a.zip"));
        Assert.Equal("a.zip: the archive has no export.sig", ex.Message);
    }

    [Fact]
    public void Archive_with_a_duplicated_entry_is_refused()
    {
        var bin = ExportBin.Write(Export(Key(1)));
        var zip = Zip(("export.bin", bin), ("export.bin", bin), ("export.sig", [0x0a, 0x00]));
        var ex = Assert.Throws<InvalidInputException>(() => ExportArchive.Read(zip, "a.zip"));
        Assert.Contains("entry 'export.bin'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Archive_with_an_extra_entry_is_refused()
    {
        var zip = Zip(("export.bin", ExportBin.Write(Export(Key(1)))), ("evil.sh", [1]));
        var ex = Assert.Throws<InvalidInputException>(() => ExportArchive.Read(zip, "a.zip"));
        Assert.Contains("entry 'evil.sh'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ExportArchive.Read("not a zip at all"u8, "a.zip"));
        Assert.StartsWith("a.zip: not a readable zip archive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_signature_file_is_refused_with_its_offset()
    {
        var zip = Zip(("export.bin", ExportBin.Write(Export(Key(1)))), ("export.sig", [0x0a, 0x50, 0x01]));
        var ex = Assert.Throws<InvalidInputException>(() => ExportArchive.Read(zip, "a.zip"));
        Assert.StartsWith("a.zip!export.sig byte ", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var s = archive.CreateEntry(name).Open();
                s.Write(bytes);
            }
        }
        return buffer.ToArray();
    }
}
