using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Trust.Identity;
using Care.Trust.Ledger;

namespace Care.Cli.Ledger;

/// <summary>
/// <c>care ledger witness</c>: one look by an independent witness. It fetches Hermes's newest signed
/// tree head, checks its signature against the pinned log key and its consistency with the last
/// head it stored, and stores it; on two inconsistent signed heads it writes both as fork evidence
/// and exits 1. Run it from another machine or account on a schedule (cron).
/// </summary>
internal static class LedgerWitnessCommand
{
    private const int MaxAnswerBytes = 1024 * 1024;

    public static Command Create()
    {
        var hermes = new Option<string>("--hermes") { Description = "Hermes's root URL, e.g. https://hermes.example:5443/", Required = true, HelpName = "URL" };
        var state = new Option<string>("--state") { Description = "The witness's state file (created on first use): the pinned log key and the newest head it checked", Required = true, HelpName = "FILE" };
        var ledgerKey = new Option<string?>("--ledger-key") { Description = "The log's public key file to pin (DB.ledger-key.pub, copied out of band); without it the first run pins the key Hermes serves (trust on first use)", HelpName = "FILE" };
        var evidence = new Option<string?>("--evidence") { Description = "Where fork evidence goes (default: STATE.fork.json)", HelpName = "FILE" };
        var trustCert = new Option<string?>("--trust-cert") { Description = "Accept this server certificate (PEM or DER file) for https, e.g. Hermes's self-signed development certificate", HelpName = "FILE" };
        var json = LedgerCommand.JsonOption();
        var command = new Command("witness",
            "Witness the ledger: fetch Hermes's newest signed tree head, check its signature and its consistency with the last head this witness stored, and store it. " +
            "Two inconsistent signed heads are a fork: both are written as evidence and the exit code is 1.")
        {
            hermes, state, ledgerKey, evidence, trustCert, json,
        };
        CliAction.Set(command, async (parse, ct) =>
        {
            string statePath = parse.GetValue(state)!;
            var previous = WitnessState.Load(statePath);
            using var http = Client(parse.GetValue(hermes)!, parse.GetValue(trustCert));
            var key = await PinnedKeyAsync(http, previous, parse.GetValue(ledgerKey), parse.InvocationConfiguration.Error, ct);
            var headJson = await GetAsync(http, "v1/ledger/head", ct);
            if (headJson is null)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync("Hermes has signed no tree head yet; nothing to witness");
                return ExitCodes.Ok;
            }
            var fresh = TreeHeadJson.Read(headJson, "GET /v1/ledger/head");
            IReadOnlyList<byte[]>? proof = null;
            if (previous.Head is { TreeSize: > 0 } last && fresh.TreeSize > last.TreeSize && fresh.Verify(key))
            {
                var answer = await GetAsync(http, $"v1/ledger/consistency?from={last.TreeSize}&to={fresh.TreeSize}", ct)
                    ?? throw new InvalidInputException("GET /v1/ledger/consistency", "Hermes has no consistency proof for sizes it signed");
                proof = ReadProof(answer);
            }
            var verdict = WitnessCheck.Check(previous.Head, fresh, proof, key);
            var output = parse.InvocationConfiguration.Output;
            switch (verdict.Outcome)
            {
                case WitnessOutcome.Consistent:
                    new WitnessState(parse.GetValue(hermes), key, fresh, previous.Checks + 1).Save(statePath);
                    await output.WriteLineAsync(parse.GetValue(json)
                        ? JsonSerializer.Serialize(new { outcome = "consistent", detail = verdict.Detail, treeSize = fresh.TreeSize, rootHash = Convert.ToHexStringLower(fresh.RootHash) })
                        : $"witness OK: {verdict.Detail} (root {Convert.ToHexStringLower(fresh.RootHash)[..16]}…, signed {fresh.Timestamp:yyyy-MM-dd HH:mm:ss} UTC); stored in {statePath}");
                    return ExitCodes.Ok;
                case WitnessOutcome.Fork:
                    string evidencePath = parse.GetValue(evidence) ?? statePath + ".fork.json";
                    WitnessState.WriteAtomically(evidencePath, new JsonObject
                    {
                        ["format"] = "care-witness-fork-v1",
                        ["detail"] = verdict.Detail,
                        ["hermes"] = parse.GetValue(hermes),
                        ["logKeyId"] = key.KeyId,
                        ["previousHead"] = TreeHeadJson.Write(previous.Head!),
                        ["freshHead"] = TreeHeadJson.Write(fresh),
                        ["consistencyProof"] = proof is null ? null : new JsonArray([.. proof.Select(p => (JsonNode)Convert.ToHexStringLower(p))]),
                    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                    await output.WriteLineAsync(parse.GetValue(json)
                        ? JsonSerializer.Serialize(new { outcome = "fork", detail = verdict.Detail, evidence = Path.GetFullPath(evidencePath) })
                        : $"FORK: {verdict.Detail}. Both signed heads are evidence in {Path.GetFullPath(evidencePath)}; the witness state was kept as it was.");
                    return ExitCodes.Failure;
                default:
                    await output.WriteLineAsync(parse.GetValue(json)
                        ? JsonSerializer.Serialize(new { outcome = "bad-signature", detail = verdict.Detail })
                        : $"REFUSED: {verdict.Detail}; nothing stored");
                    return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static HttpClient Client(string url, string? trustCert)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var root) || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidInputException("--hermes", $"'{url}' is not an http:// or https:// address");
        }
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        if (trustCert is not null)
        {
            if (!File.Exists(trustCert))
            {
                throw new InvalidInputException("--trust-cert", $"'{trustCert}' does not exist or is not a file");
            }
            string pinned = X509CertificateLoader.LoadCertificateFromFile(trustCert).Thumbprint;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || (certificate is not null && string.Equals(certificate.GetCertHashString(), pinned, StringComparison.OrdinalIgnoreCase));
        }
        return new HttpClient(handler) { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static async Task<HybridVerificationKey> PinnedKeyAsync(HttpClient http, WitnessState previous, string? keyFile, TextWriter notes, CancellationToken ct)
    {
        if (keyFile is not null)
        {
            var given = LedgerKeyFile.ReadPublic(keyFile);
            if (previous.LogKey is { } pinned && pinned.KeyId != given.KeyId)
            {
                throw new InvalidInputException("--ledger-key", $"this witness pinned log key {pinned.KeyId}, not {given.KeyId}; a log's key never changes (start a new state file for a new log)");
            }
            return given;
        }
        if (previous.LogKey is { } key)
        {
            return key;
        }
        var keys = await GetAsync(http, "v1/keys", ct) ?? throw new InvalidInputException("GET /v1/keys", "Hermes serves no keys");
        try
        {
            var served = HybridVerificationKey.Import(Convert.FromBase64String(keys["ledger"]!["publicKey"]!.GetValue<string>()));
            await notes.WriteLineAsync($"care ledger witness: pinned the log key Hermes serves ({served.KeyId[..16]}…) on first use; pass --ledger-key with a copy obtained out of band for real assurance");
            return served;
        }
        catch (Exception e) when (e is NullReferenceException or FormatException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            throw new InvalidInputException("GET /v1/keys at ledger.publicKey", $"not a hybrid public key: {e.Message}");
        }
    }

    private static IReadOnlyList<byte[]> ReadProof(JsonNode answer)
    {
        try
        {
            return [.. (answer["proof"] as JsonArray ?? throw new FormatException("missing")).Select(p => Convert.FromHexString(p!.GetValue<string>()))];
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidInputException("GET /v1/ledger/consistency at proof", $"not a consistency proof: {e.Message}");
        }
    }

    /// <summary>GETs JSON; null on 404; other failures named. Answers over 1 MiB are refused.</summary>
    private static async Task<JsonNode?> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"cannot reach Hermes at {http.BaseAddress}{path}: {e.Message}", e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET /{path}: Hermes answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                throw new InvalidInputException($"GET /{path}", $"the answer is {response.Content.Headers.ContentLength} bytes, over {MaxAnswerBytes}");
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var limited = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (limited.Length + read > MaxAnswerBytes)
                {
                    throw new InvalidInputException($"GET /{path}", $"the answer is over {MaxAnswerBytes} bytes");
                }
                limited.Write(buffer, 0, read);
            }
            try
            {
                return JsonNode.Parse(limited.ToArray()) ?? throw new InvalidInputException($"GET /{path}", "empty answer");
            }
            catch (JsonException e)
            {
                throw new InvalidInputException($"GET /{path}", $"not JSON: {e.Message}");
            }
        }
    }
}
