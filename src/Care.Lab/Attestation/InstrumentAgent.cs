using Care.Lab.Ledger;
using Care.Trust.Identity;

namespace Care.Lab.Attestation;

/// <summary>
/// The instrument's side of attestation: holds its identity and measures what it booted.
/// Thread safe.
/// </summary>
public sealed class InstrumentAgent
{
    private readonly HybridSigningKey _key;

    /// <summary>Creates the agent for an instrument that booted <paramref name="firmware"/> with <paramref name="configuration"/>.</summary>
    public InstrumentAgent(string instrumentId, HybridSigningKey key, ReadOnlySpan<byte> firmware, ReadOnlySpan<byte> configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrumentId);
        ArgumentNullException.ThrowIfNull(key);
        InstrumentId = instrumentId;
        _key = key;
        FirmwareSha256 = InMemoryLabLedger.Sha256(firmware);
        ConfigurationSha256 = InMemoryLabLedger.Sha256(configuration);
    }

    /// <summary>The instrument's id.</summary>
    public string InstrumentId { get; }

    /// <summary>Measured firmware hash.</summary>
    public string FirmwareSha256 { get; }

    /// <summary>Measured configuration hash.</summary>
    public string ConfigurationSha256 { get; }

    /// <summary>Answers <paramref name="challenge"/> with a signed quote.</summary>
    public AttestationQuote Quote(AttestationChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var signature = _key.Sign(AttestationQuote.SignedBytes(InstrumentId, FirmwareSha256, ConfigurationSha256, challenge.Nonce));
        return new AttestationQuote(InstrumentId, FirmwareSha256, ConfigurationSha256, challenge.Nonce, signature);
    }
}
