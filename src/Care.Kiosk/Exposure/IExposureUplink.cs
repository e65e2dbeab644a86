using Care.Epidemic.Exports;

namespace Care.Kiosk.Exposure;

/// <summary>The kiosk's proximity-tracing link to Hermes (<c>/v1/exposure/…</c>).</summary>
public interface IExposureUplink
{
    /// <summary>Uploads a consenting wearer's keys with a verification code; true when published now, false when Hermes had them already (a retry).</summary>
    /// <exception cref="Exchange.UplinkRejectedException">Hermes refused (no, unknown, used or expired code; malformed keys): nothing was published.</exception>
    /// <exception cref="Exchange.UplinkUnavailableException">Hermes did not answer; retrying is safe.</exception>
    Task<bool> UploadDiagnosisKeysAsync(string verificationCode, IReadOnlyList<DiagnosisKey> keys, CancellationToken cancellationToken = default);

    /// <summary>The export index after export <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<ExportListing>> ListExportsAsync(long after, CancellationToken cancellationToken = default);

    /// <summary>The zip of one export.</summary>
    Task<byte[]> DownloadExportAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Reports an anonymous count of notifications given in a region on a day; a resend with the same <paramref name="reportId"/> adds nothing.</summary>
    Task ReportNotificationsAsync(Guid reportId, string region, DateOnly day, int count, CancellationToken cancellationToken = default);
}
