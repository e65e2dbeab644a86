using System.Text;

namespace Care.Lab.Attestation;

/// <summary>
/// An instrument's signed answer to a challenge (like a TPM quote): its identity, the SHA-256 of
/// the firmware and configuration it booted, and the challenge's nonce.
/// </summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="FirmwareSha256">SHA-256 of its firmware, lower-case hex.</param>
/// <param name="ConfigurationSha256">SHA-256 of its configuration, lower-case hex.</param>
/// <param name="Nonce">The challenge's nonce.</param>
/// <param name="Signature">Hybrid signature over <see cref="SignedBytes"/>.</param>
public sealed record AttestationQuote(string InstrumentId, string FirmwareSha256, string ConfigurationSha256, byte[] Nonce, byte[] Signature)
{
    /// <summary>The bytes the instrument signs: a domain string, then the fields separated by NUL.</summary>
    public static byte[] SignedBytes(string instrumentId, string firmwareSha256, string configurationSha256, ReadOnlySpan<byte> nonce) =>
        Encoding.UTF8.GetBytes($"care.lab.quote.v1\0{instrumentId}\0{firmwareSha256}\0{configurationSha256}\0{Convert.ToHexStringLower(nonce)}");
}
