using System.Security.Cryptography;
using System.Text;

namespace Care.Kiosk.Identity;

/// <summary>
/// A revocable ("cancelable") iris template: a keyed bit permutation followed by a keyed XOR pad,
/// both derived from a 32-byte key with HKDF-SHA-256. The transform preserves Hamming distance
/// exactly, so matching in the protected domain loses nothing: the probe is rotated in the clear,
/// transformed at each rotation and compared with the stored template. A stolen template database
/// is useless against another kiosk network with another key (distances ≈ 0.5, an impostor's),
/// and a compromised template is re-issued by enrolling again under a new key.
/// Thread safe.
/// </summary>
public sealed class IrisTemplateProtector
{
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("care.iris.template.v1");
    private readonly int[] _permutation = new int[IrisCode.Bits];
    private readonly ulong[] _pad = new ulong[IrisCode.Words];

    /// <summary>A protector for <paramref name="key"/> (32 bytes, secret, held by the kiosk network, never with the templates).</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public IrisTemplateProtector(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException($"an iris template key is 32 bytes, got {key.Length}", nameof(key));
        }
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key)[..8]);
        var stream = HKDF.Expand(HashAlgorithmName.SHA256, HKDF.Extract(HashAlgorithmName.SHA256, key.ToArray()), (IrisCode.Bits * 3) + (IrisCode.Words * 8), Info);
        for (int i = 0; i < IrisCode.Bits; i++)
        {
            _permutation[i] = i;
        }
        // Fisher–Yates with 24-bit draws (HKDF gives at most 8,160 bytes); the modulo bias (< 2^-13) does not matter for a permutation that only hides positions.
        for (int i = IrisCode.Bits - 1; i > 0; i--)
        {
            int j = (int)((stream[3 * i] | (uint)stream[(3 * i) + 1] << 8 | (uint)stream[(3 * i) + 2] << 16) % (uint)(i + 1));
            (_permutation[i], _permutation[j]) = (_permutation[j], _permutation[i]);
        }
        for (int w = 0; w < IrisCode.Words; w++)
        {
            _pad[w] = BitConverter.ToUInt64(stream, (IrisCode.Bits * 3) + (8 * w));
        }
    }

    /// <summary>Identifies the key (not secret).</summary>
    public string KeyId { get; }

    /// <summary>The protected form of <paramref name="code"/>, to store instead of it.</summary>
    public ProtectedIrisTemplate Protect(IrisCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var (c, m) = Transform(code);
        return new ProtectedIrisTemplate(KeyId, c, m);
    }

    /// <summary>Compares a stored template with a fresh probe at every rotation up to ±<paramref name="maxShift"/>.</summary>
    /// <exception cref="ArgumentException">The template was made under another key.</exception>
    public IrisComparison Compare(ProtectedIrisTemplate enrolled, IrisCode probe, int maxShift = IrisMatcher.DefaultMaxShift) =>
        Compare(enrolled, new IrisProbe(probe, maxShift));

    /// <summary>Compares a stored template with a prepared probe.</summary>
    /// <exception cref="ArgumentException">The template was made under another key.</exception>
    public IrisComparison Compare(ProtectedIrisTemplate enrolled, IrisProbe probe)
    {
        ArgumentNullException.ThrowIfNull(enrolled);
        ArgumentNullException.ThrowIfNull(probe);
        if (enrolled.KeyId != KeyId)
        {
            throw new ArgumentException($"the template was protected under key {enrolled.KeyId}, not {KeyId}", nameof(enrolled));
        }
        var best = new IrisComparison(1, 1, 0, 0);
        for (int s = -probe.MaxShift; s <= probe.MaxShift; s++)
        {
            var (c, m) = Transform(probe.Rotation(s));
            var d = IrisMatcher.Distance(enrolled.Code, enrolled.Mask, c, m, s);
            if (d.NormalisedDistance < best.NormalisedDistance)
            {
                best = d;
            }
        }
        return best;
    }

    private (ulong[] Code, ulong[] Mask) Transform(IrisCode code)
    {
        var c = new ulong[IrisCode.Words];
        var m = new ulong[IrisCode.Words];
        for (int i = 0; i < IrisCode.Bits; i++)
        {
            int to = _permutation[i];
            if (code.CodeBit(i))
            {
                c[to >> 6] |= 1UL << (to & 63);
            }
            if (code.MaskBit(i))
            {
                m[to >> 6] |= 1UL << (to & 63);
            }
        }
        for (int w = 0; w < IrisCode.Words; w++)
        {
            c[w] ^= _pad[w];
        }
        return (c, m);
    }
}
