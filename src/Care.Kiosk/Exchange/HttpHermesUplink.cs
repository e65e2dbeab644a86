using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Care.Core.Ids;
using Care.Trust.Identity;

namespace Care.Kiosk.Exchange;

/// <summary>
/// The kiosk's link to Hermes over HTTP (<c>/v1</c> API): uploads sealed bundles with a device
/// token (<c>POST /v1/bundles</c>), registers new patches' identities with an admin token when one
/// is given (<c>POST /v1/devices</c>), and takes Hermes's recipient key from <c>GET /v1/keys</c>.
/// Network failures, timeouts, 5xx, 408 and 429 become <see cref="UplinkUnavailableException"/>
/// (an upload may then be retried safely: Hermes stores a bundle at most once); any other refusal
/// becomes <see cref="UplinkRejectedException"/> with Hermes's problem text. Thread-safe; the
/// <see cref="HttpClient"/> (with its base address) is the caller's.
/// </summary>
public sealed class HttpHermesUplink : IHermesUplink
{
    /// <summary>The media type of a sealed bundle on the wire.</summary>
    public const string SealedBundleMediaType = "application/vnd.care.sealed-bundle";

    /// <summary>Largest answer read from Hermes (keys, receipts): 1 MiB; anything longer is refused unread.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly string _uploadToken;
    private readonly string? _registrationToken;

    private HttpHermesUplink(HttpClient http, string uploadToken, string? registrationToken, HybridKemPublicKey recipientKey)
    {
        _http = http;
        _uploadToken = uploadToken;
        _registrationToken = registrationToken;
        RecipientKey = recipientKey;
    }

    /// <inheritdoc/>
    public HybridKemPublicKey RecipientKey { get; }

    /// <summary>
    /// Connects: reads Hermes's recipient key from <c>GET /v1/keys</c> and checks its algorithm.
    /// </summary>
    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is Hermes's root URL.</param>
    /// <param name="uploadToken">A device-role bearer token (uploads).</param>
    /// <param name="registrationToken">An admin-role bearer token for registering new patches; null when this kiosk only uploads.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="UplinkUnavailableException">Hermes could not be reached.</exception>
    /// <exception cref="UplinkRejectedException">Hermes answered with an error or an unusable key.</exception>
    public static async Task<HttpHermesUplink> ConnectAsync(HttpClient http, string uploadToken, string? registrationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadToken);
        if (http.BaseAddress is not { IsAbsoluteUri: true } root || !root.AbsolutePath.EndsWith('/'))
        {
            // Relative paths resolve against the last '/': "https://host/care" would lose "care".
            throw new ArgumentException($"the client needs a BaseAddress that is Hermes's root URL ending in '/', not '{http.BaseAddress}'", nameof(http));
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/keys");
        using var response = await SendAsync(http, request, "read Hermes's keys", cancellationToken);
        using var json = await ReadJsonAsync(response, "GET /v1/keys", cancellationToken);
        var recipient = Property(json.RootElement, "recipient", JsonValueKind.Object, "GET /v1/keys");
        var algorithm = Property(recipient, "algorithm", JsonValueKind.String, "GET /v1/keys: recipient").GetString();
        if (algorithm != HybridAlgorithms.KeyEstablishment)
        {
            throw new UplinkRejectedException(response.StatusCode, $"GET /v1/keys: recipient.algorithm is '{algorithm}', expected '{HybridAlgorithms.KeyEstablishment}'");
        }
        HybridKemPublicKey key;
        try
        {
            key = HybridKemPublicKey.Import(Convert.FromBase64String(Property(recipient, "publicKey", JsonValueKind.String, "GET /v1/keys: recipient").GetString()!));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidDataException)
        {
            throw new UplinkRejectedException(response.StatusCode, $"GET /v1/keys: recipient.publicKey is not a usable key: {e.Message}");
        }
        return new HttpHermesUplink(http, uploadToken, registrationToken, key);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">This uplink was connected without a registration token.</exception>
    public async Task RegisterPatchAsync(PatchId patch, WearerId wearer, HybridVerificationKey identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["deviceId"] = patch.Value,
            ["wearerId"] = wearer.Value,
            ["kioskId"] = KioskId,
            ["algorithm"] = HybridAlgorithms.Signature,
            ["publicKey"] = Convert.ToBase64String(identity.Export()),
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/devices") { Content = Content(body, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RegistrationToken("register a patch"));
        using var response = await SendAsync(_http, request, $"register patch {patch.Value}", cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">This uplink was connected without a registration token.</exception>
    public async Task RetirePatchAsync(PatchId patch, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/devices/{Uri.EscapeDataString(patch.Value)}/retire");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RegistrationToken("retire a patch"));
        using var response = await SendAsync(_http, request, $"retire patch {patch.Value}", cancellationToken);
    }

    /// <summary>The kiosk's id, recorded with every patch it registers (default <c>kiosk</c>).</summary>
    public string KioskId { get; init; } = "kiosk";

    private string RegistrationToken(string what) =>
        _registrationToken ?? throw new InvalidOperationException($"to {what} the kiosk needs an admin token; this uplink was connected with an upload token only");

    /// <inheritdoc/>
    /// <exception cref="UplinkRejectedException">Hermes refused the bundle (malformed, unknown or revoked device, too large…); retrying will not help.</exception>
    public async Task<UploadReceipt> UploadAsync(ReadOnlyMemory<byte> bundle, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/bundles") { Content = Content(bundle, SealedBundleMediaType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _uploadToken);
        using var response = await SendAsync(_http, request, "upload a bundle", cancellationToken);
        using var json = await ReadJsonAsync(response, "POST /v1/bundles", cancellationToken);
        var root = json.RootElement;
        var id = Property(root, "bundleId", JsonValueKind.String, "POST /v1/bundles");
        var stored = Property(root, "observationsStored", JsonValueKind.Number, "POST /v1/bundles");
        if (!id.TryGetGuid(out var bundleId) || !stored.TryGetInt32(out var observations))
        {
            throw new UplinkRejectedException(response.StatusCode, "POST /v1/bundles: the receipt's bundleId or observationsStored is malformed");
        }
        // 201: stored now; 200: the same bundle was stored before (a retry).
        return new UploadReceipt(bundleId, response.StatusCode == HttpStatusCode.OK, observations);
    }

    private static HttpContent Content(ReadOnlyMemory<byte> body, string mediaType)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UplinkUnavailableException($"could not {what}: Hermes at {http.BaseAddress} is unreachable ({e.Message})", e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new UplinkUnavailableException($"could not {what}: Hermes at {http.BaseAddress} did not answer within the attempt time-out", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UplinkUnavailableException($"could not {what}: Hermes at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:F0} s", e);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var problem = await ProblemTextAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new UplinkUnavailableException($"could not {what}: Hermes answered {status} {response.ReasonPhrase}{problem}");
            }
            throw new UplinkRejectedException(response.StatusCode, $"Hermes refused to {what}: {status} {response.ReasonPhrase}{problem}");
        }
    }

    // "; title: detail" from an RFC 9457 problem body, or nothing; a title that only repeats the
    // status's reason phrase ("401 Unauthorized; Unauthorized") is left out.
    private static async Task<string> ProblemTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            var parts = new StringBuilder();
            foreach (var name in new[] { "title", "detail" })
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                    && !(name == "title" && string.Equals(v.GetString(), response.ReasonPhrase, StringComparison.OrdinalIgnoreCase)))
                {
                    parts.Append(parts.Length == 0 ? "; " : ": ").Append(v.GetString());
                }
            }
            return parts.ToString();
        }
        catch (JsonException)
        {
            return "";
        }
    }

    internal static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            throw new UplinkRejectedException(response.StatusCode, $"{what}: the answer is {response.Content.Headers.ContentLength} bytes, larger than {MaxAnswerBytes} bytes");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                throw new UplinkRejectedException(response.StatusCode, $"{what}: the answer is larger than {MaxAnswerBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException e)
        {
            throw new UplinkRejectedException(response.StatusCode, $"{what}: the answer is not JSON ({e.Message})");
        }
    }

    internal static JsonElement Property(JsonElement parent, string name, JsonValueKind kind, string where) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new UplinkRejectedException(HttpStatusCode.OK, $"{where}: the answer has no {kind.ToString().ToLowerInvariant()} '{name}'");
}
