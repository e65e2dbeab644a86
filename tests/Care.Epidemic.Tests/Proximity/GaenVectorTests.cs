using System.Text.Json;
using Care.Epidemic.Proximity;
using Care.Testing;

namespace Care.Epidemic.Tests.Proximity;

public sealed class GaenVectorTests
{
    private static JsonElement Vectors()
    {
        var folder = SharedData.RequireFolder("exposure");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "gaen_crypto_test_vectors_v1.2.json")));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Rpik_and_aemk_equal_the_v1_2_vectors()
    {
        var v = Vectors();
        var tek = Block128.FromHex(v.GetProperty("tek").GetString()!);
        Assert.Equal(v.GetProperty("rpik").GetString(), GaenCrypto.DeriveRpik(tek).ToHex());
        Assert.Equal(v.GetProperty("aemk").GetString(), GaenCrypto.DeriveAemk(tek).ToHex());
    }

    [Fact]
    public void Every_one_of_the_144_intervals_gives_the_vector_rpi_and_aem_on_both_aes_paths()
    {
        var v = Vectors();
        var tek = Block128.FromHex(v.GetProperty("tek").GetString()!);
        var rpik = GaenCrypto.DeriveRpik(tek);
        var aemk = GaenCrypto.DeriveAemk(tek);
        var start = v.GetProperty("rolling_start_interval_number").GetInt32();
        Assert.Equal(start, EnInterval.FromUnixSeconds(v.GetProperty("key_generation_unix_seconds").GetInt64()));
        var metadata = Convert.FromHexString(v.GetProperty("bluetooth_metadata").GetString()!);
        var intervals = v.GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(EnInterval.TekRollingPeriod, intervals.Count);

        var batch = new Block128[EnInterval.TekRollingPeriod];
        GaenCrypto.RollingProximityIdentifiers(rpik, start, batch);
        var managed = new Block128[EnInterval.TekRollingPeriod];
        Aes128Batch.EncryptIntervalsManaged(rpik, start, managed);
        Span<byte> padded = stackalloc byte[16];
        Span<byte> aem = stackalloc byte[4];
        Span<byte> back = stackalloc byte[4];
        foreach (var row in intervals)
        {
            var i = row.GetProperty("i").GetInt32();
            var interval = row.GetProperty("en_interval_number").GetInt32();
            Assert.Equal(start + i, interval);
            GaenCrypto.PaddedData(interval, padded);
            Assert.Equal(row.GetProperty("padded_data").GetString(), Convert.ToHexStringLower(padded));
            var expected = row.GetProperty("rpi").GetString();
            Assert.Equal(expected, GaenCrypto.RollingProximityIdentifier(rpik, interval).ToHex());
            Assert.Equal(expected, batch[i].ToHex());
            Assert.Equal(expected, managed[i].ToHex());
            GaenCrypto.CryptMetadata(aemk, batch[i], metadata, aem);
            Assert.Equal(row.GetProperty("aem").GetString(), Convert.ToHexStringLower(aem));
            GaenCrypto.CryptMetadata(aemk, batch[i], aem, back);
            Assert.Equal(metadata, back.ToArray());
        }
    }

    [Fact]
    public void Hardware_and_managed_aes_agree_on_random_keys_and_odd_batch_lengths()
    {
        var random = new Random(13);
        for (var trial = 0; trial < 50; trial++)
        {
            var key = new Block128((ulong)random.NextInt64(), (ulong)random.NextInt64());
            var start = random.Next(0, int.MaxValue - 200);
            var length = random.Next(1, 150);
            var a = new Block128[length];
            var b = new Block128[length];
            GaenCrypto.RollingProximityIdentifiers(key, start, a);
            Aes128Batch.EncryptIntervalsManaged(key, start, b);
            Assert.Equal(b, a);
        }
    }

    [Fact]
    public void Metadata_of_the_wrong_length_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => GaenCrypto.CryptMetadata(default, default, new byte[5], new byte[5]));
        Assert.Contains("4 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hex_of_the_wrong_length_is_refused_with_its_length()
    {
        var ex = Assert.Throws<FormatException>(() => Block128.FromHex("abcd"));
        Assert.Contains("4 characters", ex.Message, StringComparison.Ordinal);
    }
}
