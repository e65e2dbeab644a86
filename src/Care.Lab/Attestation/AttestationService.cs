using System.Security.Cryptography;
using Care.Lab.Ledger;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Attestation;

/// <summary>
/// The lab service's side of attestation at every boot: issues fresh single-use challenges and
/// accepts a quote only when the instrument is registered, unrevoked and hybrid post-quantum, the
/// challenge was issued to it, is unused and unexpired, the signature verifies, and the firmware
/// is one released in the ledger (<see cref="FirmwareReleased"/> for its kind). Every decision is
/// ledgered (<see cref="InstrumentAttested"/>). Thread safe (one lock).
/// </summary>
public sealed class AttestationService
{
    /// <summary>How long a challenge stays valid.</summary>
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromSeconds(60);

    private readonly InMemoryLabLedger _ledger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, InstrumentRegistration> _instruments = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttestationChallenge> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _attested = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates the service over the lab ledger and a clock.</summary>
    public AttestationService(InMemoryLabLedger ledger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        _ledger = ledger;
        _time = time;
    }

    /// <summary>Registers an instrument (its id must be new).</summary>
    public void Register(InstrumentRegistration instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        lock (_lock)
        {
            if (!_instruments.TryAdd(instrument.InstrumentId, instrument))
            {
                throw new ArgumentException($"instrument '{instrument.InstrumentId}' is already registered", nameof(instrument));
            }
        }
    }

    /// <summary>Revokes an instrument: its quotes are refused and its attestation ends now.</summary>
    public void Revoke(string instrumentId)
    {
        lock (_lock)
        {
            _revoked.Add(instrumentId);
            _attested.Remove(instrumentId);
        }
    }

    /// <summary>A fresh challenge for <paramref name="instrumentId"/>'s boot.</summary>
    public AttestationChallenge IssueChallenge(string instrumentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrumentId);
        var challenge = new AttestationChallenge(instrumentId, RandomNumberGenerator.GetBytes(32), _time.GetUtcNow() + ChallengeLifetime);
        lock (_lock)
        {
            _pending[Convert.ToHexStringLower(challenge.Nonce)] = challenge;
        }
        return challenge;
    }

    /// <summary>True when <paramref name="instrumentId"/> was accepted at its latest boot and not revoked since.</summary>
    public bool IsAttested(string instrumentId)
    {
        lock (_lock)
        {
            return _attested.ContainsKey(instrumentId);
        }
    }

    /// <summary>Decides on <paramref name="quote"/>, ledgers the decision and returns it.</summary>
    public AttestationOutcome Verify(AttestationQuote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var now = _time.GetUtcNow();
        AttestationOutcome outcome;
        lock (_lock)
        {
            // A new boot ends the previous attestation whatever this quote's fate.
            _attested.Remove(quote.InstrumentId);
            outcome = Decide(quote, now);
            if (outcome.Accepted)
            {
                _attested[quote.InstrumentId] = quote.FirmwareSha256;
            }
        }
        _ledger.Append(new InstrumentAttested(quote.InstrumentId, HashOrDigest(quote.FirmwareSha256), HashOrDigest(quote.ConfigurationSha256), outcome.Accepted ? "accepted" : "refused", outcome.Reason) { At = now });
        return outcome;
    }

    private AttestationOutcome Decide(AttestationQuote quote, DateTimeOffset now)
    {
        if (!_instruments.TryGetValue(quote.InstrumentId, out var instrument))
        {
            return new(false, "unknown instrument");
        }
        if (_revoked.Contains(quote.InstrumentId))
        {
            return new(false, "instrument revoked");
        }
        if (instrument.Algorithm != HybridAlgorithms.Signature)
        {
            return new(false, $"classical-only identity ({instrument.Algorithm}) refused: {HybridAlgorithms.Signature} required");
        }
        var nonce = Convert.ToHexStringLower(quote.Nonce ?? []);
        if (!_pending.Remove(nonce, out var challenge))
        {
            return new(false, "challenge unknown or already used (replayed quote)");
        }
        if (challenge.InstrumentId != quote.InstrumentId)
        {
            return new(false, "challenge was issued to another instrument");
        }
        if (now > challenge.ExpiresAt)
        {
            return new(false, "stale challenge (expired)");
        }
        if (!instrument.Key.Verify(AttestationQuote.SignedBytes(quote.InstrumentId, quote.FirmwareSha256, quote.ConfigurationSha256, quote.Nonce!), quote.Signature ?? []))
        {
            return new(false, "signature does not verify with the registered key");
        }
        var released = _ledger.Entries.OfType<FirmwareReleased>().Any(f => f.InstrumentKind == instrument.Kind && f.FirmwareSha256 == quote.FirmwareSha256);
        return released ? new(true, "fresh quote") : new(false, "firmware not released in the ledger");
    }

    private static string HashOrDigest(string? hex) =>
        hex is { Length: 64 } && hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') ? hex : InMemoryLabLedger.Sha256(System.Text.Encoding.UTF8.GetBytes(hex ?? ""));
}
