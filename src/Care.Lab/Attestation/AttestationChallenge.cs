namespace Care.Lab.Attestation;

/// <summary>A fresh, single-use challenge the lab service sends an instrument at boot.</summary>
/// <param name="InstrumentId">The instrument it was issued to.</param>
/// <param name="Nonce">32 random bytes.</param>
/// <param name="ExpiresAt">The quote must arrive before this instant.</param>
public sealed record AttestationChallenge(string InstrumentId, byte[] Nonce, DateTimeOffset ExpiresAt);
