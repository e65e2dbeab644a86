using Care.Epidemic.Exports;

namespace Care.Hermes.Exposure;

/// <summary>A stored key not yet in an export, with the hour it arrived (stored to the hour only, so arrival does not single out an upload).</summary>
public sealed record PendingDiagnosisKey(DiagnosisKey Key, DateTimeOffset ReceivedHour);
