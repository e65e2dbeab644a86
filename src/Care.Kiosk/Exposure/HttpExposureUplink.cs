using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Care.Epidemic.Exports;
using Care.Kiosk.Exchange;

namespace Care.Kiosk.Exposure;

/// <summary>
/// <see cref="IExposureUplink"/> over Hermes's HTTP API with the kiosk's device token. Failures map as
/// <see cref="HttpHermesUplink"/>'s do: no answer, 5xx, 408 and 429 → <see cref="UplinkUnavailableException"/>
/// (retrying is safe), other refusals → <see cref="UplinkRejectedException"/> with Hermes's problem text.
/// Thread-safe; the <see cref="HttpClient"/> (base address = Hermes's root URL ending in '/') is the caller's.
/// </summary>
public sealed class HttpExposureUplink(HttpClient http, string deviceToken) : IExposureUplink
{
    /// <summary>Largest export file accepted: 64 MiB (GAEN's export.bin limit).</summary>
    public const int MaxExportBytes = 64 << 20;

    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly string _token = !string.IsNullOrWhiteSpace(deviceToken) ? deviceToken : throw new ArgumentException("a device token is required", nameof(deviceToken));

    /// <inheritdoc/>
    public async Task<bool> UploadDiagnosisKeysAsync(string verificationCode, IReadOnlyList<DiagnosisKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            verificationCode,
            keys = keys.Select(k => new
            {
                keyData = Convert.ToBase64String(k.KeyData.ToArray()),
                rollingStartIntervalNumber = k.RollingStartIntervalNumber,
                rollingPeriod = k.RollingPeriod,
                transmissionRiskLevel = k.TransmissionRiskLevel,
            }),
        });
        using var request = Request(HttpMethod.Post, "v1/exposure/diagnosis-keys", body);
        using var response = await HttpHermesUplink.SendAsync(_http, request, "upload diagnosis keys", cancellationToken);
        using var json = await HttpHermesUplink.ReadJsonAsync(response, "POST /v1/exposure/diagnosis-keys", cancellationToken);
        return HttpHermesUplink.Property(json.RootElement, "status", JsonValueKind.String, "POST /v1/exposure/diagnosis-keys").GetString() == "published";
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ExportListing>> ListExportsAsync(long after, CancellationToken cancellationToken = default)
    {
        var path = $"v1/exposure/exports?after={after.ToString(CultureInfo.InvariantCulture)}";
        using var request = Request(HttpMethod.Get, path, null);
        using var response = await HttpHermesUplink.SendAsync(_http, request, "read the export index", cancellationToken);
        using var json = await HttpHermesUplink.ReadJsonAsync(response, "GET /v1/exposure/exports", cancellationToken);
        var result = new List<ExportListing>();
        foreach (var e in HttpHermesUplink.Property(json.RootElement, "exports", JsonValueKind.Array, "GET /v1/exposure/exports").EnumerateArray())
        {
            result.Add(new ExportListing(
                HttpHermesUplink.Property(e, "id", JsonValueKind.Number, "GET /v1/exposure/exports").GetInt64(),
                HttpHermesUplink.Property(e, "sha256", JsonValueKind.String, "GET /v1/exposure/exports").GetString()!,
                HttpHermesUplink.Property(e, "keyCount", JsonValueKind.Number, "GET /v1/exposure/exports").GetInt32()));
        }
        return result;
    }

    /// <inheritdoc/>
    public async Task<byte[]> DownloadExportAsync(long id, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, $"v1/exposure/exports/{id.ToString(CultureInfo.InvariantCulture)}", null);
        using var response = await HttpHermesUplink.SendAsync(_http, request, $"download export {id}", cancellationToken);
        if (response.Content.Headers.ContentLength > MaxExportBytes)
        {
            throw new UplinkRejectedException(response.StatusCode, $"export {id} is {response.Content.Headers.ContentLength} bytes, larger than {MaxExportBytes}");
        }
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task ReportNotificationsAsync(Guid reportId, string region, DateOnly day, int count, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { reportId, region, day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), count });
        using var request = Request(HttpMethod.Post, "v1/exposure/notifications", body);
        using var response = await HttpHermesUplink.SendAsync(_http, request, "report notification counts", cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new UplinkRejectedException(response.StatusCode, $"POST /v1/exposure/notifications answered {(int)response.StatusCode}, expected 202");
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, byte[]? json)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return request;
    }
}
