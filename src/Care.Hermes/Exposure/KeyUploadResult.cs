namespace Care.Hermes.Exposure;

/// <summary>The outcome of an upload and, for <see cref="KeyUploadOutcome.KeyAlreadyPublished"/>, which key (0-based index in the upload).</summary>
public sealed record KeyUploadResult(KeyUploadOutcome Outcome, int? KeyIndex = null);
