using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Interop.Fhir;
using Hl7.Fhir.Model;
using FhirBundle = Hl7.Fhir.Model.Bundle;
using Task = System.Threading.Tasks.Task;

namespace Care.Hermes.Interop.Tests.Fhir;

public sealed class FhirImportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The Observations of an export as a transaction Bundle (what a hospital system would POST).</summary>
    private static FhirBundle Transaction(FhirBundle export) => new()
    {
        Type = FhirBundle.BundleType.Transaction,
        Entry = [.. export.Entry.Where(e => e.Resource is Observation).Select(e => new FhirBundle.EntryComponent
        {
            FullUrl = e.FullUrl,
            Resource = e.Resource,
            Request = new FhirBundle.RequestComponent { Method = FhirBundle.HTTPVerb.POST, Url = "Observation" },
        })],
    };

    private static StringContent Body(string json) => new(json, Encoding.UTF8, FhirOutcome.MediaType);

    private static StringContent Body(FhirBundle bundle) => Body(JsonSerializer.Serialize(bundle, FhirExporter.Json));

    private static List<(string Code, string Time, decimal? Value)> Readings(FhirBundle bundle) =>
        [.. bundle.Entry.Select(e => e.Resource).OfType<Observation>()
            .Select(o => (Code: o.Code.Coding[0].Code, Time: ((FhirDateTime)o.Effective).Value, Value: ((Quantity)o.Value).Value))
            .OrderBy(r => r.Time, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal)];

    /// <summary>A small valid transaction for W-1: three heart rates and a glucose reading.</summary>
    private static JsonObject Small()
    {
        JsonObject Entry(string code, string unit, double value, string time, string subject = "Patient/W-1") => new()
        {
            ["resource"] = new JsonObject
            {
                ["resourceType"] = "Observation",
                ["status"] = "final",
                ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = code }) },
                ["subject"] = new JsonObject { ["reference"] = subject },
                ["effectiveDateTime"] = time,
                ["valueQuantity"] = new JsonObject { ["value"] = value, ["unit"] = unit, ["system"] = "http://unitsofmeasure.org", ["code"] = unit },
            },
            ["request"] = new JsonObject { ["method"] = "POST", ["url"] = "Observation" },
        };
        return new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "transaction",
            ["entry"] = new JsonArray(
                Entry("8867-4", "/min", 71, "2026-11-26T08:00:00Z"),
                Entry("8867-4", "/min", 72, "2026-11-26T08:01:00Z"),
                Entry("8867-4", "/min", 73, "2026-11-26T08:02:00Z"),
                Entry("99504-3", "mg/dL", 140, "2026-11-26T08:02:00Z")),
        };
    }

    private static async Task<InteropServer> KnownWearerAsync()
    {
        var server = await InteropServer.StartAsync();
        await server.Devices.RegisterAsync("P-W-1", WearerId.Parse("W-1"));
        return server;
    }

    [Fact]
    public async Task Export_then_import_into_a_fresh_Hermes_then_export_gives_the_same_observations()
    {
        await using var first = await FhirExportTests.SeededAsync();
        var exported = await FhirExportTests.EverythingAsync(await first.ClientAsync(Role.Clinician), "/fhir/Patient/W-1/$everything");
        await using var fresh = await KnownWearerAsync();
        var clinician = await fresh.ClientAsync(Role.Clinician);
        var response = await clinician.PostAsync("/fhir", Body(Transaction(exported)), Cancel);
        string answer = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, answer);
        var reply = JsonSerializer.Deserialize<FhirBundle>(answer, FhirExporter.Json)!;
        Assert.Equal(FhirBundle.BundleType.TransactionResponse, reply.Type);
        Assert.All(reply.Entry, e => Assert.Equal("201 Created", e.Response.Status));
        var again = await FhirExportTests.EverythingAsync(clinician, "/fhir/Patient/W-1/$everything");
        Assert.Equal(Readings(exported), Readings(again));
        Assert.Equal(exported.Entry.Where(e => e.Resource is Observation).Select(e => e.Resource.Id).Order(),
            again.Entry.Where(e => e.Resource is Observation).Select(e => e.Resource.Id).Order());
        var accepted = await fresh.Store.LedgerSizeAsync(Cancel);
        // The same transaction again changes nothing: recognised as stored, no new ledger entry for data.
        var retry = await clinician.PostAsync("/fhir", Body(Transaction(exported)), Cancel);
        Assert.Contains("200 OK", await retry.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(accepted, await fresh.Store.LedgerSizeAsync(Cancel));
    }

    [Fact]
    public async Task Import_is_ledgered_as_bundle_accepted_from_the_importing_token()
    {
        await using var server = await KnownWearerAsync();
        var clinician = await server.ClientAsync(Role.Clinician);
        long before = await server.Store.LedgerSizeAsync(Cancel);
        var response = await clinician.PostAsync("/fhir", Body(Small().ToJsonString()), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(before + 1, await server.Store.LedgerSizeAsync(Cancel));
    }

    [Fact]
    public async Task Glucose_in_mmol_per_litre_and_temperature_in_fahrenheit_are_converted_to_the_catalogue_units()
    {
        await using var server = await KnownWearerAsync();
        var json = Small();
        var glucose = json["entry"]![3]!["resource"]!["valueQuantity"]!;
        glucose["value"] = 7.0;
        glucose["code"] = "mmol/L";
        var response = await (await server.ClientAsync(Role.Clinician)).PostAsync("/fhir", Body(json.ToJsonString()), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await server.Store.QueryObservationsAsync(new Storage.ObservationQuery(WearerId.Parse("W-1"), Core.Observations.VitalSign.InterstitialGlucose, null, null, 10), Cancel);
        Assert.Equal(126.1092, Assert.Single(stored).Value, 4);
    }

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { "wrong resource type", """{"resourceType":"Patient","id":"x"}""", "resourceType" },
        { "batch, not transaction", Edit(j => j["type"] = "batch"), "Bundle.type" },
        { "a Patient among the entries", Edit(j => j["entry"]![1]!["resource"] = new JsonObject { ["resourceType"] = "Patient" }), "Bundle.entry[1].resource" },
        { "unknown LOINC code", Edit(j => j["entry"]![3]!["resource"]!["code"]!["coding"]![0]!["code"] = "2345-7"), "Bundle.entry[3].resource.code.coding[0]" },
        { "unknown unit", Edit(j => j["entry"]![2]!["resource"]!["valueQuantity"]!["code"] = "Hz"), "Bundle.entry[2].resource.valueQuantity.code" },
        { "impossible value", Edit(j => j["entry"]![0]!["resource"]!["valueQuantity"]!["value"] = 400), "Bundle.entry[0].resource.valueQuantity.value" },
        { "another wearer in the same transaction", Edit(j => j["entry"]![2]!["resource"]!["subject"]!["reference"] = "Patient/W-2"), "Bundle.entry[2].resource.subject" },
        { "a reading in the future", Edit(j => j["entry"]![1]!["resource"]!["effectiveDateTime"] = "2027-01-01T00:00:00Z"), "Bundle.entry[1].resource.effectiveDateTime" },
        { "date without a time", Edit(j => j["entry"]![1]!["resource"]!["effectiveDateTime"] = "2026-11-26"), "Bundle.entry[1].resource.effective" },
        { "contradicting duplicate", Edit(j => j["entry"]![1]!["resource"]!["effectiveDateTime"] = "2026-11-26T08:00:00Z"), "Bundle.entry[1].resource.valueQuantity.value" },
        { "unknown FHIR element", Edit(j => j["entry"]![0]!["resource"]!["colour"] = "red"), "colour" },
        { "malformed JSON", """{"resourceType":"Bundle","type":"transaction","entry":[{""", "line 1" },
        { "empty body", "", "Bundle" },
        { "no entries", Edit(j => j["entry"] = new JsonArray()), "Bundle.entry" },
    };

    private static string Edit(Action<JsonObject> change)
    {
        var json = Small();
        change(json);
        return json.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_transaction_is_refused_with_its_element_named_and_nothing_is_stored(string why, string body, string path)
    {
        await using var server = await KnownWearerAsync();
        var clinician = await server.ClientAsync(Role.Clinician);
        long ledger = await server.Store.LedgerSizeAsync(Cancel);
        var response = await clinician.PostAsync("/fhir", Body(body), Cancel);
        string answer = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode} {answer}");
        var outcome = JsonSerializer.Deserialize<OperationOutcome>(answer, FhirExporter.Json)!;
        Assert.Contains(outcome.Issue, i => (i.Expression.FirstOrDefault() ?? "").Contains(path, StringComparison.Ordinal) || (i.Diagnostics ?? "").Contains(path, StringComparison.Ordinal));
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(ledger, await server.Store.LedgerSizeAsync(Cancel));
    }

    [Fact]
    public async Task Import_for_a_wearer_outside_the_care_team_is_403_for_an_unknown_wearer_404_and_needs_a_clinician()
    {
        await using var server = await KnownWearerAsync();
        var outside = await (await server.ClientAsync(Role.Clinician, [WearerId.Parse("W-2")])).PostAsync("/fhir", Body(Small().ToJsonString()), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        var unknown = await (await server.ClientAsync(Role.Clinician)).PostAsync("/fhir",
            Body(Small().ToJsonString().Replace("Patient/W-1", "Patient/W-7", StringComparison.Ordinal)), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await server.ClientAsync(Role.Device)).PostAsync("/fhir", Body(Small().ToJsonString()), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().PostAsync("/fhir", Body(Small().ToJsonString()), Cancel)).StatusCode);
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
    }
}
