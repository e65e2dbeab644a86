using System.Security.Cryptography;
using Care.Epidemic.Proximity;

namespace Care.Epidemic.Tests.Proximity;

public sealed class HkdfBatchTests
{
    [Theory]
    [InlineData("EN-RPIK")]
    [InlineData("EN-AEMK")]
    [InlineData("")]
    [InlineData("a-55-byte-info-string-the-longest-one-block-can-hold!!")]
    public void Eight_lane_hkdf_equals_dotnet_hkdf_on_random_keys(string info)
    {
        var random = new Random(20261205);
        var infoBytes = System.Text.Encoding.ASCII.GetBytes(info);
        Span<Block128> keys = stackalloc Block128[HkdfSha256Batch.Lanes];
        Span<Block128> derived = stackalloc Block128[HkdfSha256Batch.Lanes];
        Span<byte> ikm = stackalloc byte[16];
        Span<byte> okm = stackalloc byte[16];
        for (var round = 0; round < 50; round++)
        {
            for (var lane = 0; lane < keys.Length; lane++)
            {
                keys[lane] = new Block128((ulong)random.NextInt64(), (ulong)random.NextInt64());
            }
            HkdfSha256Batch.Derive(keys, infoBytes, derived);
            for (var lane = 0; lane < keys.Length; lane++)
            {
                keys[lane].WriteTo(ikm);
                HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, okm, [], infoBytes);
                Assert.Equal(Block128.FromBytes(okm), derived[lane]);
            }
        }
    }

    [Fact]
    public void Batch_of_the_wrong_size_is_refused()
    {
        var keys = new Block128[7];
        var output = new Block128[8];
        Assert.Throws<ArgumentException>(() => HkdfSha256Batch.Derive(keys, "EN-RPIK"u8, output));
    }
}
