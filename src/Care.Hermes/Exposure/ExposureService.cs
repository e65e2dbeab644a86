using Care.Core.Errors;
using Care.Core.Ids;
using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;
using Care.Hermes.Access;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Exposure;

/// <summary>
/// Hermes's rules of proximity tracing: issuing one-time verification codes (hash stored, ledgered,
/// expiring), taking a wearer's keys with a code (validated before any lock, stored and the code
/// consumed in one transaction), and the anonymous notification counts kiosks report. Thread safe.
/// </summary>
public sealed class ExposureService(IExposureStore store, ExposureOptions options, TimeProvider time)
{
    /// <summary>The options in force.</summary>
    public ExposureOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// Issues a code for <paramref name="wearer"/>; the returned text is the only copy (Hermes keeps its
    /// hash). Writes <c>VerificationCodeIssued</c> (who, for whom, until when; not the code).
    /// </summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> IssueCodeAsync(WearerId wearer, Caller caller, ReportType reportType, DateOnly? symptomOnset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (reportType is not (ReportType.ConfirmedTest or ReportType.ConfirmedClinicalDiagnosis))
        {
            throw new InvalidInputException("$.reportType", $"{reportType} cannot be certified by a clinician; use confirmed-test or clinical-diagnosis");
        }
        var now = time.GetUtcNow();
        if (symptomOnset is { } onset && (onset > DateOnly.FromDateTime(now.UtcDateTime) || onset < DateOnly.FromDateTime(now.UtcDateTime).AddDays(-DiagnosisKeyValidation.RetentionDays)))
        {
            throw new InvalidInputException("$.symptomOnset", $"{onset:yyyy-MM-dd} is not within the last {DiagnosisKeyValidation.RetentionDays} days");
        }
        var code = VerificationCode.Generate();
        var expires = now + Options.CodeLifetime;
        var record = new VerificationCodeRecord(VerificationCode.Hash(VerificationCode.Normalise(code, out _)!), expires, reportType, symptomOnset);
        await store.AddVerificationCodeAsync(record, new VerificationCodeIssued(caller.TokenId, caller.Role.ToString().ToLowerInvariant(), wearer, expires) { At = now }, cancellationToken);
        return (code, expires);
    }

    /// <summary>
    /// Takes keys uploaded with a code: refuses a malformed code or key (every problem named, 400)
    /// before any lock, then publishes them with the code consumed in one transaction.
    /// </summary>
    /// <exception cref="InvalidInputException">The code or a key is malformed.</exception>
    public async Task<KeyUploadResult> UploadAsync(string? code, IReadOnlyList<DiagnosisKey> keys, CancellationToken cancellationToken = default)
    {
        var normalised = VerificationCode.Normalise(code, out var problem) ?? throw new InvalidInputException("$.verificationCode", problem!);
        var now = time.GetUtcNow();
        DiagnosisKeyValidation.Check(keys, EnInterval.FromTime(now), Options.MaxKeysPerUpload);
        var hash = VerificationCode.Hash(normalised);
        var found = await store.FindVerificationCodeAsync(hash, cancellationToken);
        var stamped = found is null ? keys : DiagnosisKeyValidation.Stamp(keys, found);
        return await store.PublishDiagnosisKeysAsync(hash, stamped, now, cancellationToken);
    }

    /// <summary>Records a kiosk's anonymous count; false when the report was recorded before.</summary>
    /// <exception cref="InvalidInputException">The region, day or count is out of range.</exception>
    public Task<bool> ReportNotificationsAsync(Guid reportId, string? region, DateOnly day, int count, CancellationToken cancellationToken = default)
    {
        if (reportId == Guid.Empty)
        {
            throw new InvalidInputException("$.reportId", "a report needs a fresh random id (a resend carries the same one)");
        }
        if (string.IsNullOrWhiteSpace(region) || region.Length > 32 || !region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new InvalidInputException("$.region", "a region is 1–32 letters, digits or '-', e.g. DE-BY");
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (day > today || day < today.AddDays(-DiagnosisKeyValidation.RetentionDays))
        {
            throw new InvalidInputException("$.day", $"{day:yyyy-MM-dd} is not within the last {DiagnosisKeyValidation.RetentionDays} days");
        }
        if (count is < 1 or > 100_000)
        {
            throw new InvalidInputException("$.count", $"{count} is outside 1–100,000 notifications per report");
        }
        return store.RecordNotificationsAsync(reportId, region, day, count, cancellationToken);
    }
}
