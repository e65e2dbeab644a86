using System.Security.Cryptography;
using Care.Lab.Ledger;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Jobs;

/// <summary>Hermes's side: signs job authorisations and ledgers them (<see cref="LabJobAuthorised"/>). Thread safe.</summary>
public sealed class JobAuthoriser
{
    private readonly HybridSigningKey _key;
    private readonly InMemoryLabLedger _ledger;
    private readonly TimeProvider _time;

    /// <summary>Creates the authoriser with Hermes's signing key.</summary>
    public JobAuthoriser(HybridSigningKey key, InMemoryLabLedger ledger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        _key = key;
        _ledger = ledger;
        _time = time;
    }

    /// <summary>Authorises one run of <paramref name="kind"/> on <paramref name="instrumentId"/> for <paramref name="validFor"/> (positive).</summary>
    public JobAuthorisation Authorise(string jobId, LabJobKind kind, string instrumentId, string subjectSha256, string protocol, TimeSpan validFor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var unsigned = new JobAuthorisation(jobId, kind, instrumentId, subjectSha256, protocol, now + validFor, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), []);
        var signed = unsigned with { Signature = _key.Sign(unsigned.SignedBytes()) };
        _ledger.Append(new LabJobAuthorised(jobId, kind.ToString().ToLowerInvariant(), instrumentId, subjectSha256, protocol, signed.ExpiresAt, InMemoryLabLedger.Sha256(signed.SignedBytes())) { At = now });
        return signed;
    }
}
