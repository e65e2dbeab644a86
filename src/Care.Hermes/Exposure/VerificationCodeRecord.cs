using Care.Epidemic.Exports;

namespace Care.Hermes.Exposure;

/// <summary>
/// A stored verification code: its SHA-256 (never the code), when it stops working and what the
/// clinician stated about the diagnosis. Holds no wearer (the ledger's <c>VerificationCodeIssued</c> does, without the code).
/// </summary>
/// <param name="Sha256">SHA-256 of the normalised code (32 bytes).</param>
/// <param name="ExpiresAt">When the code stops working.</param>
/// <param name="ReportType">How the diagnosis was made; written into every key published with the code.</param>
/// <param name="SymptomOnset">The day symptoms began, when known; sets each key's days since onset.</param>
public sealed record VerificationCodeRecord(byte[] Sha256, DateTimeOffset ExpiresAt, ReportType ReportType, DateOnly? SymptomOnset);
