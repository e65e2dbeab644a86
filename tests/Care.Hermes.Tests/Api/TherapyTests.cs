using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Kiosk.Cartridges;
using Care.Trust.Identity;
using Care.Trust.Ledger;

namespace Care.Hermes.Tests.Api;

/// <summary>The story's failure made impossible: what goes into a cartridge is prescribed, proven, assayed and logged.</summary>
public sealed class TherapyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed class Filler(double factor) : ICartridgeFiller
    {
        public double Fill(string cartridgeId, string drug, double amount) => Math.Round(amount * factor, 2);
    }

    /// <summary>An assay that measures what a filler with <paramref name="truth"/> really put in.</summary>
    private sealed class Assay(double truth) : IAssayInstrument
    {
        public string Name => "assay-7";

        public double Measure(string cartridgeId, string drug) => Math.Round(300 * truth, 2);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<(HermesServer Server, HttpClient Device, InclusionProofDocument Plan, HybridVerificationKey LedgerKey)> PlannedAsync()
    {
        var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var upload = new ByteArrayContent(await server.Devices.SealAsync(Vitals.Minutes("W-3", Vitals.Start, 5)));
        upload.Headers.ContentType = new("application/vnd.care.sealed-bundle");
        await device.PostAsync("/v1/bundles", upload, Cancel);
        var clinician = await server.ClientAsync(Role.Clinician);
        var issued = await clinician.PostAsync("/v1/wearers/W-3/dose-plans", Json(new { drug = "insulin-aspart", amount = 300, unit = "U" }), Cancel);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        // Heads are signed on a schedule, never on a read: until the next one the plan is in the ledger but not proven.
        var early = await device.GetAsync("/v1/wearers/W-3/dose-plans/latest", Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.NotNull(early.Headers.RetryAfter);
        await server.SignTreeHeadAsync();
        var plan = InclusionProofDocument.Parse(await device.GetStringAsync("/v1/wearers/W-3/dose-plans/latest", Cancel), "response");
        var keys = await server.Client().GetFromJsonAsync<JsonElement>("/v1/keys", Cancel);
        var ledgerKey = HybridVerificationKey.Import(Convert.FromBase64String(keys.GetProperty("ledger").GetProperty("publicKey").GetString()!));
        return (server, device, plan, ledgerKey);
    }

    private static object Report(CartridgeFillOutcome outcome) => new
    {
        cartridgeId = outcome.Record.CartridgeId,
        wearerId = outcome.Record.For.Value,
        planId = outcome.Record.PlanId,
        drug = outcome.Record.Drug,
        prescribed = outcome.Record.Prescribed,
        loaded = outcome.Record.Loaded,
        assay = outcome.Record.Assay,
        unit = outcome.Record.Unit,
        instrument = outcome.Record.Instrument,
    };

    [Fact]
    public async Task A_faithful_fill_is_released_and_prescription_and_fill_are_in_the_wearers_ledger()
    {
        var (server, device, plan, ledgerKey) = await PlannedAsync();
        await using var _ = server;
        var station = new CartridgeStation(ledgerKey, new Filler(1.0), new Assay(1.0), TimeProvider.System);
        var outcome = station.Fill("cart-1", WearerId.Parse("W-3"), plan);
        Assert.True(outcome.Released, outcome.Reason);
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/cartridge-fills", Json(Report(outcome)), Cancel)).StatusCode);
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'DosePlanIssued' AND wearer = 'W-3'"));
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'CartridgeFilled' AND wearer = 'W-3'"));
    }

    [Fact]
    public async Task A_quietly_changed_fill_is_held_back_and_the_assay_reading_reaches_the_ledger()
    {
        var (server, device, plan, ledgerKey) = await PlannedAsync();
        await using var _ = server;
        // The filler claims the prescription but puts in 10 % more; the independent assay sees it.
        var station = new CartridgeStation(ledgerKey, new Filler(1.0), new Assay(1.10), TimeProvider.System);
        var outcome = station.Fill("cart-2", WearerId.Parse("W-3"), plan);
        Assert.False(outcome.Released);
        Assert.Contains("assay measured 330", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/cartridge-fills", Json(Report(outcome)), Cancel)).StatusCode);
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'CartridgeFilled' AND json_extract(CAST(data AS TEXT), '$.assay') = 330"));
    }

    [Fact]
    public async Task Plans_that_are_not_proven_for_this_wearer_are_refused_before_filling()
    {
        var (server, _, plan, ledgerKey) = await PlannedAsync();
        await using var __ = server;
        var filler = new Filler(1.0);
        Assert.Throws<CartridgeRefusedException>(() => new CartridgeStation(ledgerKey, filler, new Assay(1), TimeProvider.System).Fill("c", WearerId.Parse("W-4"), plan));
        var forgedLog = HybridSigningKey.Generate().PublicKey;
        Assert.Throws<CartridgeRefusedException>(() => new CartridgeStation(forgedLog, filler, new Assay(1), TimeProvider.System).Fill("c", WearerId.Parse("W-3"), plan));
    }

    [Fact]
    public async Task A_fill_report_that_does_not_match_the_newest_plan_is_a_conflict()
    {
        var (server, device, plan, ledgerKey) = await PlannedAsync();
        await using var _ = server;
        var outcome = new CartridgeStation(ledgerKey, new Filler(1), new Assay(1), TimeProvider.System).Fill("cart-3", WearerId.Parse("W-3"), plan);
        var changed = outcome.Record with { Prescribed = 330 };
        var response = await device.PostAsync("/v1/cartridge-fills", Json(Report(outcome with { Record = changed })), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var wrongPlan = outcome.Record with { PlanId = "plan-0000" };
        Assert.Equal(HttpStatusCode.Conflict, (await device.PostAsync("/v1/cartridge-fills", Json(Report(outcome with { Record = wrongPlan })), Cancel)).StatusCode);
        var clinician = await server.ClientAsync(Role.Clinician);
        Assert.Equal(HttpStatusCode.BadRequest, (await clinician.PostAsync("/v1/wearers/W-3/dose-plans", Json(new { drug = "insulin-aspart", amount = -3, unit = "U" }), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsync("/v1/wearers/W-3/dose-plans", Json(new { drug = "x", amount = 1, unit = "U" }), Cancel)).StatusCode);
        Assert.Equal(0, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'CartridgeFilled'"));
    }
}
