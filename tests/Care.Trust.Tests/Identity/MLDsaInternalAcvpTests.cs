using System.Reflection;
using Org.BouncyCastle.Crypto.Parameters;

namespace Care.Trust.Tests.Identity;

/// <summary>
/// The ACVP ML-DSA sigGen/sigVer vectors exercise FIPS 204 Sign_internal / Verify_internal (M′ given,
/// no context prefix). BouncyCastle 2.7.0 exposes those only as internal methods
/// (<c>MLDsaPrivateKeyParameters.SignInternal(rnd, msg, off, len)</c>,
/// <c>MLDsaPublicKeyParameters.VerifyInternal(msg, off, len, sig)</c>) on which its public
/// <c>MLDsaSigner</c> is built, so these tests reach them by reflection. They validate the ML-DSA core
/// Care's hybrid signer uses, not the public wrapper (which adds the 0x00‖len(ctx)‖ctx prefix).
/// </summary>
public sealed class MLDsaInternalAcvpTests
{
    private static readonly MethodInfo SignInternal = typeof(MLDsaPrivateKeyParameters).GetMethod("SignInternal", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException("BouncyCastle no longer has MLDsaPrivateKeyParameters.SignInternal");

    private static readonly MethodInfo VerifyInternal = typeof(MLDsaPublicKeyParameters).GetMethod("VerifyInternal", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException("BouncyCastle no longer has MLDsaPublicKeyParameters.VerifyInternal");

    public static TheoryData<string> Sets => ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"];

    [Theory]
    [MemberData(nameof(Sets))]
    public void Sign_internal_reproduces_every_nist_signature_deterministic_and_hedged(string set)
    {
        var failures = new List<int>();
        var count = 0;
        foreach (var (group, test) in AcvpFile.Cases("ML-DSA-sigGen-FIPS204", set))
        {
            count++;
            var key = MLDsaPrivateKeyParameters.FromEncoding(MLDsaAcvpTests.Parameters(set), test.Hex("sk"));
            // FIPS 204 Algorithm 2: the deterministic variant uses rnd = 32 zero bytes.
            var rnd = group.GetProperty("deterministic").GetBoolean() ? new byte[32] : test.Hex("rnd");
            var message = test.Hex("message");
            var signature = (byte[])SignInternal.Invoke(key, [rnd, message, 0, message.Length])!;
            if (!signature.AsSpan().SequenceEqual(test.Hex("signature")))
            {
                failures.Add(test.GetProperty("tcId").GetInt32());
            }
        }
        Assert.Equal(20, count);
        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Verify_internal_gives_every_nist_verdict(string set)
    {
        var failures = new List<int>();
        var count = 0;
        var accepted = 0;
        foreach (var (group, test) in AcvpFile.Cases("ML-DSA-sigVer-FIPS204", set))
        {
            count++;
            var key = MLDsaPublicKeyParameters.FromEncoding(MLDsaAcvpTests.Parameters(set), group.Hex("pk"));
            var message = test.Hex("message");
            var valid = (bool)VerifyInternal.Invoke(key, [message, 0, message.Length, test.Hex("signature")])!;
            accepted += valid ? 1 : 0;
            if (valid != test.GetProperty("testPassed").GetBoolean())
            {
                failures.Add(test.GetProperty("tcId").GetInt32());
            }
        }
        Assert.Equal(15, count);
        Assert.Equal(3, accepted);
        Assert.Empty(failures);
    }
}
