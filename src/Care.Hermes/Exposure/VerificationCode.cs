using System.Security.Cryptography;
using System.Text;

namespace Care.Hermes.Exposure;

/// <summary>
/// The form of a verification code: 16 characters of Crockford's base32 (80 random bits), shown in
/// four groups (<c>7K2M-Q9XD-4HWT-1BZR</c>). Long enough that its stored SHA-256 cannot be reversed by
/// trying every code (GAEN's 8-digit short codes could be). Reading is forgiving as Crockford's
/// alphabet intends: case, dashes and spaces are ignored, O reads as 0, I and L as 1. Stateless.
/// </summary>
public static class VerificationCode
{
    /// <summary>Characters of a code, without separators.</summary>
    public const int Length = 16;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A fresh code from the operating system's CSPRNG.</summary>
    public static string Generate()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return $"{chars[..4]}-{chars[4..8]}-{chars[8..12]}-{chars[12..]}";
    }

    /// <summary>The code's canonical 16 characters, or null (with <paramref name="problem"/>) when <paramref name="text"/> is not a code.</summary>
    public static string? Normalise(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "no verification code given; a clinician issues one for a diagnosed wearer";
            return null;
        }
        var builder = new StringBuilder(Length);
        foreach (var raw in text)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                problem = $"'{raw}' is not a character of a verification code (Crockford base32)";
                return null;
            }
            builder.Append(c);
        }
        if (builder.Length != Length)
        {
            problem = $"a verification code has {Length} characters, this one {builder.Length}";
            return null;
        }
        return builder.ToString();
    }

    /// <summary>SHA-256 of a normalised code: what Hermes stores.</summary>
    public static byte[] Hash(string normalised) => SHA256.HashData(Encoding.ASCII.GetBytes(normalised));
}
