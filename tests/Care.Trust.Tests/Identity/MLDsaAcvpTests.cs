using Org.BouncyCastle.Crypto.Parameters;

namespace Care.Trust.Tests.Identity;

public sealed class MLDsaAcvpTests
{
    public static TheoryData<string> Sets => ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"];

    internal static MLDsaParameters Parameters(string set) => set switch
    {
        "ML-DSA-44" => MLDsaParameters.ml_dsa_44,
        "ML-DSA-65" => MLDsaParameters.ml_dsa_65,
        _ => MLDsaParameters.ml_dsa_87,
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void KeyGen_from_seed_reproduces_every_nist_pk_and_sk(string set)
    {
        var failures = new List<int>();
        var count = 0;
        foreach (var (_, test) in AcvpFile.Cases("ML-DSA-keyGen-FIPS204", set))
        {
            count++;
            var key = MLDsaPrivateKeyParameters.FromSeed(Parameters(set), test.Hex("seed")).WithPreferredFormat(MLDsaPrivateKeyParameters.Format.EncodingOnly);
            if (!key.GetPublicKeyEncoded().AsSpan().SequenceEqual(test.Hex("pk")) || !key.GetEncoded().AsSpan().SequenceEqual(test.Hex("sk")))
            {
                failures.Add(test.GetProperty("tcId").GetInt32());
            }
        }
        Assert.Equal(25, count);
        Assert.Empty(failures);
    }
}
