using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Tests.Api;

namespace Care.Hermes.Tests.Security;

/// <summary>Attacks on the record from registered patches: a patch writes only its own wearer's record, and nobody can lock the genuine patch out.</summary>
public sealed class PatchBindingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ByteArrayContent Sealed(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/vnd.care.sealed-bundle");
        return content;
    }

    [Fact]
    public async Task A_patch_bound_to_another_wearer_is_refused_with_the_reason_and_a_ledger_entry_under_the_targeted_wearer()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await server.Devices.RegisterAsync("P-W-2", WearerId.Parse("W-2"));
        // P-W-2 signs a bundle that claims to be W-1's.
        var forged = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 10) with { PatchId = PatchId.Parse("P-W-2") });
        var refused = await device.PostAsync("/v1/bundles", Sealed(forged), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Contains("registered for another wearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM wearers WHERE code = 'W-1'"));
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'BundleRefused' AND wearer = 'W-1'"));
        // The same refused bytes again: refused again, ledgered once.
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsync("/v1/bundles", Sealed(forged), Cancel)).StatusCode);
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'BundleRefused'"));
    }

    [Fact]
    public async Task A_foreign_reading_at_13_39_no_longer_locks_out_the_genuine_patchs_upload_of_00_00_to_13_39()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await server.Devices.RegisterAsync("P-W-2", WearerId.Parse("W-2"));
        var lockOut = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start.AddMinutes(13 * 60 + 39), 1) with { PatchId = PatchId.Parse("P-W-2") });
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsync("/v1/bundles", Sealed(lockOut), Cancel)).StatusCode);
        var genuine = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 13 * 60 + 39));
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", Sealed(genuine), Cancel)).StatusCode);
        Assert.Equal(5 * (13 * 60 + 39), server.Database.Scalar("SELECT COUNT(*) FROM observations"));
    }

    [Fact]
    public async Task Ordering_is_per_patch_so_the_wearers_other_patch_cannot_lock_out_this_one_and_both_readings_of_one_instant_are_kept()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        // The wearer's next patch (registered at a swap before the old one uploaded) reports 13:00-14:00 first.
        await server.Devices.RegisterAsync("P-W-1b", WearerId.Parse("W-1"));
        var newer = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start.AddHours(13), 60) with { PatchId = PatchId.Parse("P-W-1b") });
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", Sealed(newer), Cancel)).StatusCode);
        // The old patch's day, 00:00-13:30, overlapping 13:00-13:30: accepted whole, nothing lost.
        var older = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 13 * 60 + 30));
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", Sealed(older), Cancel)).StatusCode);
        Assert.Equal(5 * (60 + 13 * 60 + 30), server.Database.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(2, server.Database.Scalar($"SELECT COUNT(*) FROM observations WHERE time_ms = {Vitals.Start.AddHours(13).ToUnixTimeMilliseconds()} AND sign = 1"));
        // Within one patch, overlap is still a conflict (a patch never resends what Hermes acknowledged).
        var overlap = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start.AddHours(13).AddMinutes(10), 5));
        Assert.Equal(HttpStatusCode.Conflict, (await device.PostAsync("/v1/bundles", Sealed(overlap), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_retired_patch_is_refused_and_the_refusal_is_ledgered()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var admin = await server.ClientAsync(Role.Admin);
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", Sealed(await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 10))), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/v1/devices/P-W-1/retire", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/v1/devices/P-W-1/retire", null, Cancel)).StatusCode);
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'DeviceRetired' AND wearer = 'W-1'"));
        var late = await device.PostAsync("/v1/bundles", Sealed(await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start.AddHours(1), 10))), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("retired", (await late.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(50, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'BundleRefused' AND wearer = 'W-1'"));
    }

    [Fact]
    public async Task A_device_registered_before_binding_has_no_wearer_and_is_refused_until_registered_again()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await server.Devices.RegisterAsync("P-W-5", WearerId.Parse("W-5"));
        server.Database.Execute("UPDATE devices SET wearer = NULL WHERE id = 'P-W-5'");
        var response = await device.PostAsync("/v1/bundles", Sealed(await server.Devices.SealAsync(Vitals.Minutes("W-5", Vitals.Start, 10))), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not bound to a wearer", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
    }

    [Fact]
    public async Task Registering_a_patch_needs_a_valid_wearer_and_the_binding_is_ledgered()
    {
        await using var server = await HermesServer.StartAsync();
        var admin = await server.ClientAsync(Role.Admin);
        string key = Convert.ToBase64String(Trust.Identity.HybridSigningKey.Generate().PublicKey.Export());
        var missing = await admin.PostAsync("/v1/devices", new StringContent($$"""{"deviceId":"P-1","algorithm":"hybrid-ed25519-mldsa65","publicKey":"{{key}}"}""", System.Text.Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("$.wearerId", await missing.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var bad = await admin.PostAsync("/v1/devices", new StringContent($$"""{"deviceId":"P-1","wearerId":"W 1;drop","algorithm":"hybrid-ed25519-mldsa65","publicKey":"{{key}}"}""", System.Text.Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var ok = await admin.PostAsync("/v1/devices", new StringContent($$"""{"deviceId":"P-1","wearerId":"W-1","kioskId":"K-9","algorithm":"hybrid-ed25519-mldsa65","publicKey":"{{key}}"}""", System.Text.Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'DeviceRegistered' AND wearer = 'W-1' AND CAST(data AS TEXT) LIKE '%\"kioskId\":\"K-9\"%'"));
    }
}
