using Org.BouncyCastle.Security;

namespace Care.Trust.Identity;

/// <summary>The process-wide cryptographic random source (BouncyCastle's default, OS-seeded).</summary>
internal static class TrustRandom
{
    /// <summary>Thread safe: BouncyCastle's default <see cref="SecureRandom"/> locks internally.</summary>
    public static readonly SecureRandom Shared = new();

    public static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return bytes;
    }
}
