namespace Care.Kiosk.Exchange;

/// <summary>Where an exchange ended up after a run (or a resume), and what the wearer and operator are told.</summary>
/// <param name="ExchangeId">The exchange.</param>
/// <param name="Phase">Its phase now: <see cref="ExchangePhase.Completed"/>, <see cref="ExchangePhase.Held"/> or <see cref="ExchangePhase.Abandoned"/> after a run.</param>
/// <param name="Message">What the wearer and operator are told (never personal data).</param>
public sealed record ExchangeOutcome(Guid ExchangeId, ExchangePhase Phase, string Message);
