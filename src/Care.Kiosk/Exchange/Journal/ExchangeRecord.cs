namespace Care.Kiosk.Exchange.Journal;

/// <summary>An exchange as the journal holds it.</summary>
/// <param name="Request">What was asked, written before anything was done.</param>
/// <param name="Phase">The last phase that took effect.</param>
/// <param name="Message">What the wearer and operator were last told.</param>
public sealed record ExchangeRecord(ExchangeRequest Request, ExchangePhase Phase, string Message);
