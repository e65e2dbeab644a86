namespace Care.Kiosk.Exchange.Journal;

/// <summary>One line of an exchange's journal: an intent written before a step, or the phase reached after it.</summary>
/// <param name="Sequence">Order of writing (kiosk-wide).</param>
/// <param name="Step">The step or phase name.</param>
/// <param name="IsIntent">True for an intent (the step may have taken effect or not); false for a phase reached.</param>
/// <param name="Detail">What happened, for the operator.</param>
/// <param name="At">When it was written (UTC).</param>
public readonly record struct JournalLine(long Sequence, string Step, bool IsIntent, string Detail, DateTimeOffset At);
