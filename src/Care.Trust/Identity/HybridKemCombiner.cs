using System.Security.Cryptography;
using System.Text;

namespace Care.Trust.Identity;

/// <summary>
/// Combines the two shared secrets into one key with HKDF-SHA256 (RFC 5869). Following the
/// X-Wing construction, the input keying material is both secrets, and the info binds the whole
/// ciphertext and the recipient's public key, so a ciphertext cannot be re-targeted.
/// </summary>
internal static class HybridKemCombiner
{
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("care.trust.hybrid-kem.v1\0");

    public static byte[] Combine(ReadOnlySpan<byte> postQuantum, ReadOnlySpan<byte> classical, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> recipientPublicKey)
    {
        var ikm = new byte[postQuantum.Length + classical.Length];
        postQuantum.CopyTo(ikm);
        classical.CopyTo(ikm.AsSpan(postQuantum.Length));
        var info = new byte[Label.Length + 32 + 32];
        Label.CopyTo(info, 0);
        SHA256.HashData(ciphertext, info.AsSpan(Label.Length, 32));
        SHA256.HashData(recipientPublicKey, info.AsSpan(Label.Length + 32, 32));
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, HybridAlgorithms.SharedKeyBytes, salt: [], info: info);
        CryptographicOperations.ZeroMemory(ikm);
        return key;
    }
}
