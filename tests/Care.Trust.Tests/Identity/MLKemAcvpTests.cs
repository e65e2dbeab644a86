using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;

namespace Care.Trust.Tests.Identity;

public sealed class MLKemAcvpTests
{
    public static TheoryData<string> Sets => ["ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"];

    private static MLKemParameters Parameters(string set) => set switch
    {
        "ML-KEM-512" => MLKemParameters.ml_kem_512,
        "ML-KEM-768" => MLKemParameters.ml_kem_768,
        _ => MLKemParameters.ml_kem_1024,
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void KeyGen_from_d_and_z_reproduces_every_nist_ek_and_dk(string set)
    {
        var failures = new List<int>();
        var count = 0;
        foreach (var (_, test) in AcvpFile.Cases("ML-KEM-keyGen-FIPS203", set))
        {
            count++;
            var seed = test.Hex("d").Concat(test.Hex("z")).ToArray();
            var key = MLKemPrivateKeyParameters.FromSeed(Parameters(set), seed).WithPreferredFormat(MLKemPrivateKeyParameters.Format.EncodingOnly);
            if (!key.GetPublicKeyEncoded().AsSpan().SequenceEqual(test.Hex("ek")) || !key.GetEncoded().AsSpan().SequenceEqual(test.Hex("dk")))
            {
                failures.Add(test.GetProperty("tcId").GetInt32());
            }
        }
        Assert.Equal(25, count);
        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Encapsulation_with_given_m_reproduces_every_nist_c_and_k(string set)
    {
        var failures = new List<int>();
        var count = 0;
        foreach (var (group, test) in AcvpFile.Cases("ML-KEM-encapDecap-FIPS203", set))
        {
            if (group.GetProperty("function").GetString() != "encapsulation")
            {
                continue;
            }
            count++;
            var encapsulator = new MLKemEncapsulator(Parameters(set));
            encapsulator.Init(new ParametersWithRandom(MLKemPublicKeyParameters.FromEncoding(Parameters(set), test.Hex("ek")), FixedRandom.Of(test.Hex("m"))));
            var c = new byte[encapsulator.EncapsulationLength];
            var k = new byte[encapsulator.SecretLength];
            encapsulator.Encapsulate(c, k);
            if (!c.AsSpan().SequenceEqual(test.Hex("c")) || !k.AsSpan().SequenceEqual(test.Hex("k")))
            {
                failures.Add(test.GetProperty("tcId").GetInt32());
            }
        }
        Assert.Equal(25, count);
        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Decapsulation_reproduces_every_nist_k_including_implicit_rejection(string set)
    {
        var failures = new List<int>();
        var count = 0;
        foreach (var (group, test) in AcvpFile.Cases("ML-KEM-encapDecap-FIPS203", set))
        {
            if (group.GetProperty("function").GetString() != "decapsulation")
            {
                continue;
            }
            count++;
            var decapsulator = new MLKemDecapsulator(Parameters(set));
            decapsulator.Init(MLKemPrivateKeyParameters.FromEncoding(Parameters(set), group.Hex("dk")));
            var k = new byte[decapsulator.SecretLength];
            decapsulator.Decapsulate(test.Hex("c"), k);
            if (!k.AsSpan().SequenceEqual(test.Hex("k")))
            {
                failures.Add(test.GetProperty("tcId").GetInt32());
            }
        }
        Assert.Equal(10, count);
        Assert.Empty(failures);
    }
}
