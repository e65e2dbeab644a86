using System.IO.Compression;
using System.Text.Json;
using Care.Epidemic.Exports;
using Care.Testing;

namespace Care.Epidemic.Tests.Exports;

public sealed class SampleExportTests
{
    private static string Folder => SharedData.RequireFolder("exposure");

    private static JsonElement Decoded(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "sample_exports_decoded.json")));
        return doc.RootElement.GetProperty("files").GetProperty(file).Clone();
    }

    private static void AssertEqual(JsonElement expected, KeyExport actual)
    {
        Assert.Equal(expected.GetProperty("start_timestamp").GetUInt64(), actual.StartUnixSeconds);
        Assert.Equal(expected.GetProperty("end_timestamp").GetUInt64(), actual.EndUnixSeconds);
        Assert.Equal(expected.GetProperty("region").GetString(), actual.Region);
        Assert.Equal(expected.GetProperty("batch_num").GetInt32(), actual.BatchNum);
        Assert.Equal(expected.GetProperty("batch_size").GetInt32(), actual.BatchSize);
        var keys = expected.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(keys.Count, actual.Keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal(keys[i].GetProperty("key_data_hex").GetString(), actual.Keys[i].KeyData.ToHex());
            Assert.Equal(keys[i].GetProperty("transmission_risk_level").GetInt32(), actual.Keys[i].TransmissionRiskLevel);
            Assert.Equal(keys[i].GetProperty("rolling_start_interval_number").GetInt32(), actual.Keys[i].RollingStartIntervalNumber);
            // Absent on the wire means export.proto's default, 144 (three keys of the unsigned samples).
            var period = keys[i].TryGetProperty("rolling_period", out var p) ? p.GetInt32() : 144;
            Assert.Equal(period, actual.Keys[i].RollingPeriod);
        }
        Assert.Equal(expected.GetProperty("revised_keys").GetArrayLength(), actual.RevisedKeys.Count);
    }

    [Theory]
    [InlineData("sample_export_200keys.bin", 200)]
    [InlineData("sample_export_110keys.bin", 110)]
    public void Unsigned_sample_export_bin_reads_back_as_decoded(string file, int keys)
    {
        var export = ExportBin.Read(File.ReadAllBytes(Path.Combine(Folder, file)), file);
        Assert.Equal(keys, export.Keys.Count);
        AssertEqual(Decoded(file), export);
    }

    [Fact]
    public void Signed_sample_archive_reads_back_and_verifies_with_its_public_key()
    {
        var zip = File.ReadAllBytes(Path.Combine(Folder, "sample_export_signed_2keys.zip"));
        var signed = ExportArchive.Read(zip, "sample_export_signed_2keys.zip");
        var expected = Decoded("sample_export_signed_2keys.zip");
        AssertEqual(expected.GetProperty("export.bin"), signed.Export);
        var sig = Assert.Single(signed.Signatures);
        var expectedSig = expected.GetProperty("export.sig (TEKSignatureList)")[0];
        Assert.Equal(expectedSig.GetProperty("signature_der_hex").GetString(), Convert.ToHexStringLower(sig.Signature.Span));
        Assert.Equal("some_id", sig.Info.KeyId);
        Assert.Equal("1", sig.Info.KeyVersion);
        Assert.Equal(ExportSignatureInfo.EcdsaP256Sha256, sig.Info.AlgorithmOid);

        var pem = File.ReadAllText(Path.Combine(Folder, "sample_export_signed_2keys.verification_public_key.pem"));
        using var key = EcdsaP256ExportKey.FromPublicKeyPem(pem, "some_id", "1");
        Assert.True(signed.IsSignedBy(key));

        using var other = EcdsaP256ExportKey.Create("some_id", "1");
        Assert.False(signed.IsSignedBy(other));
    }

    [Fact]
    public void Signed_sample_with_one_flipped_key_byte_no_longer_verifies()
    {
        var zip = File.ReadAllBytes(Path.Combine(Folder, "sample_export_signed_2keys.zip"));
        var signed = ExportArchive.Read(zip, "sample");
        var bin = signed.ExportBinBytes.ToArray();
        bin[^3] ^= 0x01;
        var tampered = signed with { ExportBinBytes = bin };
        using var key = EcdsaP256ExportKey.FromPublicKeyPem(File.ReadAllText(Path.Combine(Folder, "sample_export_signed_2keys.verification_public_key.pem")), "some_id", "1");
        Assert.False(tampered.IsSignedBy(key));
    }

    [Fact]
    public void Sample_export_bin_rewritten_by_care_is_byte_identical()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, "sample_export_signed_2keys.zip"));
        using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        using var stream = archive.GetEntry("export.bin")!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var original = copy.ToArray();
        var export = ExportBin.Read(original, "export.bin");
        Assert.Equal(original, ExportBin.Write(export));
    }
}
