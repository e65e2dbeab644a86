using System.Globalization;
using System.Text;

namespace Care.Lab.Jobs;

/// <summary>
/// Hermes's signed permission for one instrument to run one job once, before an expiry.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind">What it does.</param>
/// <param name="InstrumentId">The only instrument that may run it.</param>
/// <param name="SubjectSha256">SHA-256 of the order or sample, lower-case hex.</param>
/// <param name="Protocol">Protocol name and version.</param>
/// <param name="ExpiresAt">Void after this instant.</param>
/// <param name="Nonce">Single-use value (hex), so that two authorisations never have the same bytes.</param>
/// <param name="Signature">Hermes's hybrid signature over <see cref="SignedBytes"/>.</param>
public sealed record JobAuthorisation(string JobId, LabJobKind Kind, string InstrumentId, string SubjectSha256, string Protocol, DateTimeOffset ExpiresAt, string Nonce, byte[] Signature)
{
    /// <summary>The bytes Hermes signs: a domain string and every field but the signature, NUL-separated.</summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Join('\0',
        "care.lab.job-authorisation.v1", JobId, Kind.ToString(), InstrumentId, SubjectSha256, Protocol,
        ExpiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), Nonce));
}
