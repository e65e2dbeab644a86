using System.Net;
using System.Text;
using Care.Core.Ids;
using Care.Epidemic.Exports;
using Care.Epidemic.Matching;
using Care.Epidemic.Proximity;
using Care.Hermes.Access;
using Care.Hermes.Exposure;
using Care.Hermes.Hosting;
using Care.Kiosk.Exchange;
using Care.Kiosk.Exposure;
using Care.Patch.Encounters;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Care.Hermes.Tests.Api;

/// <summary>
/// Proximity tracing end to end (ADR 0021): a clinician's code, the diagnosed wearer's consenting upload
/// at a kiosk, Hermes's signed export, another patch matching it at a kiosk, the wearer told, and an
/// anonymous count reaching public health — with every Hermes table scanned for a link back to a wearer.
/// </summary>
public sealed class ExposureEndToEndTests
{
    private const string Diagnosed = "wearer-alpha-7";
    private const string Close = "wearer-bravo-8";
    private const string Far = "wearer-charlie-9";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The patches in a kiosk's bay, reached only through what a patch offers.</summary>
    private sealed class Bay : Dictionary<string, PatchProximity>, IProximityPort
    {
        public IReadOnlyList<DiagnosisKey> ReadKeysForUpload(PatchId patch, bool wearerConsents) => this[patch.Value].KeysForUpload(wearerConsents);

        public ExposureAssessment LoadDiagnosisKeys(PatchId patch, IReadOnlyList<DiagnosisKey> keys, RiskWeights weights) => this[patch.Value].Assess([.. keys], weights);
    }

    private sealed record World(HermesServer Server, Bay Bay, ExposureStation Station, List<Block128> Heard);

    private static async Task<World> MeetAsync()
    {
        var server = await ExposureApiTests.WithWearerAsync(Diagnosed, Close, Far);
        var clock = server.Clock;
        var bay = new Bay { ["P-" + Diagnosed] = new(clock), ["P-" + Close] = new(clock), ["P-" + Far] = new(clock) };
        var heard = new List<Block128>();
        // Forty minutes together on 27 November: the close patch at 50 dB ("immediate"), the far one at 80 dB (weight 0).
        for (var i = 0; i < 4; i++)
        {
            var rpi = bay["P-" + Diagnosed].Broadcast();
            var interval = EnInterval.FromTime(clock.GetUtcNow());
            bay["P-" + Close].Hear(new Encounter(rpi, interval, 50, 10));
            bay["P-" + Far].Hear(new Encounter(rpi, interval, 80, 10));
            heard.Add(rpi);
            clock.Advance(TimeSpan.FromMinutes(10));
        }
        var keys = server.Services.GetRequiredService<HermesComposition>().ExportKeys;
        IExportVerifier[] trusted =
        [
            EcdsaP256ExportKey.FromPublicKeyPem(keys.Ecdsa.PublicKeyPem(), ExportKeys.KeyId, ExportKeys.EcdsaVersion),
            new HybridExportVerifier(keys.Hybrid.PublicKey, ExportKeys.KeyId, ExportKeys.HybridVersion),
        ];
        var uplink = new HttpExposureUplink(server.Client(), await server.TokenAsync(Role.Device));
        return new World(server, bay, new ExposureStation(bay, uplink, trusted, RiskWeights.Default, "DE-BY", clock), heard);
    }

    [Fact]
    public async Task Code_then_upload_at_a_kiosk_then_export_then_another_patch_matches_and_the_notification_is_counted()
    {
        var (server, bay, station, heard) = await MeetAsync();
        await using var _ = server;
        var code = await ExposureApiTests.IssueCodeAsync(server, Diagnosed);
        Assert.True(await station.UploadKeysAsync(PatchId.Parse("P-" + Diagnosed), code, wearerConsents: true, Cancel));
        ScanForLinks(server, code, heard);

        // The diagnosed patch's key of 27 November is released once that day is over.
        var admin = await server.ClientAsync(Role.Admin);
        Assert.Contains("\"exports\":[]", await (await admin.PostAsync("/v1/exposure/exports", null, Cancel)).Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        server.Clock.Advance(TimeSpan.FromHours(13));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/v1/exposure/exports", null, Cancel)).StatusCode);

        Assert.Equal(1, await station.RefreshAsync(Cancel));
        var close = station.Check(PatchId.Parse("P-" + Close));
        var far = station.Check(PatchId.Parse("P-" + Far));
        var diagnosed = station.Check(PatchId.Parse("P-" + Diagnosed));
        Assert.True(close.Exposed);
        Assert.Equal(20, close.WeightedMinutes, 6); // 4 × 10 min × immediate 1.0 × transmission risk 4/8 × onset unknown 1.0
        Assert.Equal(ExposureAdvice.ExposedMessage, close.Message);
        Assert.False(far.Exposed);
        Assert.False(diagnosed.Exposed);
        Assert.Equal(0, await station.ReportAsync(Cancel)); // today's count waits for the day to end

        server.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await station.ReportAsync(Cancel));
        var day = new DateOnly(2026, 11, 28);
        var counts = await ((IExposureStore)server.Store).NotificationCountsAsync(day.AddDays(-1), day.AddDays(1), Cancel);
        Assert.Equal([new NotificationCount("DE-BY", day, 1)], counts);
        ScanForLinks(server, code, heard);
    }

    [Fact]
    public async Task Without_consent_nothing_leaves_the_patch_and_nothing_is_published()
    {
        var (server, _, station, _) = await MeetAsync();
        await using var __ = server;
        var code = await ExposureApiTests.IssueCodeAsync(server, Diagnosed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => station.UploadKeysAsync(PatchId.Parse("P-" + Diagnosed), code, wearerConsents: false, Cancel));
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM diagnosis_keys"));
        Assert.Equal(1, server.Database.Scalar("SELECT COUNT(*) FROM exposure_codes"));
    }

    [Fact]
    public async Task A_used_code_is_refused_at_the_kiosk_with_hermes_s_reason()
    {
        var (server, bay, station, _) = await MeetAsync();
        await using var _ = server;
        var code = await ExposureApiTests.IssueCodeAsync(server, Diagnosed);
        Assert.True(await station.UploadKeysAsync(PatchId.Parse("P-" + Diagnosed), code, true, Cancel));
        Assert.False(await station.UploadKeysAsync(PatchId.Parse("P-" + Diagnosed), code, true, Cancel)); // the same keys again: a retry
        bay["P-" + Close].Broadcast(); // the other patch has a key of its own
        var refused = await Assert.ThrowsAsync<UplinkRejectedException>(() => station.UploadKeysAsync(PatchId.Parse("P-" + Close), code, true, Cancel));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("already used", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Database.Scalar("SELECT COUNT(*) FROM diagnosis_keys"));
    }

    [Fact]
    public async Task An_export_without_the_trusted_hybrid_signature_is_refused_and_no_key_reaches_a_patch()
    {
        var (server, bay, _, _) = await MeetAsync();
        await using var _ = server;
        var code = await ExposureApiTests.IssueCodeAsync(server, Diagnosed);
        var uplink = new HttpExposureUplink(server.Client(), await server.TokenAsync(Role.Device));
        await uplink.UploadDiagnosisKeysAsync(code, bay["P-" + Diagnosed].KeysForUpload(true), Cancel);
        server.Clock.Advance(TimeSpan.FromHours(13));
        await server.Services.GetRequiredService<HermesComposition>().Exports.PublishAsync(Cancel);
        var keys = server.Services.GetRequiredService<HermesComposition>().ExportKeys;
        var impostor = new HybridExportVerifier(Trust.Identity.HybridSigningKey.Generate().PublicKey, ExportKeys.KeyId, ExportKeys.HybridVersion);
        var station = new ExposureStation(bay, uplink, [keys.Ecdsa, impostor], RiskWeights.Default, "DE-BY", server.Clock);
        var error = await Assert.ThrowsAsync<ExportRefusedException>(() => station.RefreshAsync(Cancel));
        Assert.Contains("no valid signature by care-hermes/hybrid-v1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, station.KeysHeld);
        Assert.False(station.Check(PatchId.Parse("P-" + Close)).Exposed);
        // A GAEN client that knows only the ECDSA key verifies the same file.
        var zip = await uplink.DownloadExportAsync(1, Cancel);
        Assert.True(ExportArchive.Read(zip, "export 1").IsSignedBy(keys.Ecdsa));
    }

    /// <summary>
    /// Every row of every Hermes table: a row holding a published key (raw, hex or base64) holds no wearer,
    /// patch or code; the code's text is nowhere; its hash only alone in <c>exposure_used_codes</c>; no
    /// identifier a patch heard is anywhere (encounters never leave the patch).
    /// </summary>
    private static void ScanForLinks(HermesServer server, string code, IReadOnlyList<Block128> heard)
    {
        var normalised = VerificationCode.Normalise(code, out _)!;
        var hash = VerificationCode.Hash(normalised);
        var wearers = new[] { Diagnosed, Close, Far }.SelectMany(w => new[] { w, "P-" + w }).ToList();
        using var connection = new SqliteConnection($"Data Source={server.Database.Path};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var published = new List<byte[]>();
        using (var keys = connection.CreateCommand())
        {
            keys.CommandText = "SELECT key_data FROM diagnosis_keys";
            using var reader = keys.ExecuteReader();
            while (reader.Read())
            {
                published.Add((byte[])reader[0]);
            }
        }
        Assert.NotEmpty(published);
        int rows = 0;
        int keyRows = 0;
        int wearerRows = 0;
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows++;
                var cells = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? [] : reader.GetValue(i) switch
                {
                    byte[] b => b,
                    var v => Encoding.UTF8.GetBytes(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!),
                }).ToList();
                bool Holds(byte[] needle) => cells.Any(c => c.AsSpan().IndexOf(needle) >= 0);
                bool HoldsAny(byte[] value) => Holds(value) || Holds(Encoding.UTF8.GetBytes(Convert.ToHexStringLower(value))) || Holds(Encoding.UTF8.GetBytes(Convert.ToHexString(value))) || Holds(Encoding.UTF8.GetBytes(Convert.ToBase64String(value)));
                var where = $"table {table}, row {rows}";
                Assert.False(Holds(Encoding.UTF8.GetBytes(normalised)) || Holds(Encoding.UTF8.GetBytes(code)), $"{where} holds the verification code");
                foreach (var rpi in heard)
                {
                    Assert.False(HoldsAny(rpi.ToArray()), $"{where} holds an identifier a patch heard");
                }
                bool holdsKey = published.Any(HoldsAny);
                bool holdsWearer = wearers.Any(w => Holds(Encoding.UTF8.GetBytes(w)));
                if (HoldsAny(hash))
                {
                    Assert.True(table == "exposure_used_codes" && reader.FieldCount == 1, $"{where} holds the used code's hash beside other data");
                }
                Assert.False(holdsKey && holdsWearer, $"{where} links a published key to a wearer or patch");
                keyRows += holdsKey ? 1 : 0;
                wearerRows += holdsWearer ? 1 : 0;
            }
        }
        // The scan can see both: the keys' own rows, and the wearers' rows (records, devices, the ledger's VerificationCodeIssued).
        Assert.True(keyRows >= published.Count, $"{keyRows} rows hold a published key");
        Assert.True(wearerRows > 0, "no row holds a wearer id");
    }
}
