using System.Net;
using System.Text;
using System.Text.Json;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Interop.Fhir;
using Care.Hermes.Tests;
using Hl7.Fhir.Model;
using FhirBundle = Hl7.Fhir.Model.Bundle;
using Task = System.Threading.Tasks.Task;

namespace Care.Hermes.Interop.Tests.Fhir;

public sealed class FhirExportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>An hour of deteriorating vitals (NEWS2 risk and an alert) then an hour of CGM glucose with insulin doses, from patch P-W-1.</summary>
    internal static async Task<InteropServer> SeededAsync(string wearer = "W-1")
    {
        var server = await InteropServer.StartAsync();
        await server.IngestAsync(Vitals.Minutes(wearer, Vitals.Start, 60, ill: true));
        await server.IngestAsync(Vitals.Glucose(wearer, Vitals.Start.AddMinutes(60), 60));
        return server;
    }

    internal static async Task<FhirBundle> EverythingAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Cancel);
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(FhirOutcome.MediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<FhirBundle>(body, FhirExporter.Json)!;
    }

    [Fact]
    public async Task Everything_holds_every_stored_reading_dose_risk_alert_device_and_ledger_act()
    {
        await using var server = await SeededAsync();
        var client = await server.ClientAsync(Role.Clinician);
        var bundle = await EverythingAsync(client, "/fhir/Patient/W-1/$everything");
        var types = bundle.Entry.GroupBy(e => e.Resource.TypeName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(FhirBundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(1, types["Patient"]);
        Assert.Equal(1, types["Device"]);
        Assert.Equal(60 * 5 + 12, types["Observation"]);
        Assert.Equal(12, types["MedicationAdministration"]);
        Assert.True(types["RiskAssessment"] >= 1);
        Assert.True(types["Flag"] >= 1);
        Assert.True(types["Provenance"] >= 1);
        var device = bundle.Entry.Select(e => e.Resource).OfType<Device>().Single();
        Assert.Contains(device.Identifier, i => i.System == FhirIds.PatchIdentitySystem && i.Value.Length == 64);
        var glucose = bundle.Entry.Select(e => e.Resource).OfType<Observation>().First(o => o.Code.Coding[0].Code == "99504-3");
        Assert.Equal("mg/dL", ((Quantity)glucose.Value).Code);
        Assert.Equal(FhirMapping.Ucum, ((Quantity)glucose.Value).System);
        var heart = bundle.Entry.Select(e => e.Resource).OfType<Observation>().First(o => o.Code.Coding[0].Code == "8867-4");
        Assert.Equal("/min", ((Quantity)heart.Value).Code);
        Assert.Contains(FhirMapping.VitalSignsProfile, heart.Meta.Profile);
        Assert.DoesNotContain(FhirMapping.VitalSignsProfile, glucose.Meta?.Profile ?? []);
        Assert.Equal(bundle.Entry.Count, bundle.Entry.Select(e => e.FullUrl).Distinct().Count());
    }

    [Fact]
    public async Task Every_exported_resource_kind_validates_against_base_R4_and_vitals_against_the_vital_signs_profile()
    {
        await using var server = await SeededAsync();
        var client = await server.ClientAsync(Role.Clinician);
        var bundle = await EverythingAsync(client, "/fhir/Patient/W-1/$everything");
        // Every resource that is not an observation, and one observation per LOINC code (they differ only in value and time).
        var sample = bundle.Entry.Select(e => e.Resource)
            .Where(r => r is not Observation)
            .Concat(bundle.Entry.Select(e => e.Resource).OfType<Observation>().GroupBy(o => o.Code.Coding[0].Code).Select(g => g.First()))
            .ToList();
        Assert.Equal(6, sample.OfType<Observation>().Count());
        var errors = sample.SelectMany(r => FhirValidation.Errors(r)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        foreach (var vital in sample.OfType<Observation>().Where(o => o.Meta?.Profile.Any() == true))
        {
            var profileErrors = FhirValidation.Errors(vital, FhirMapping.VitalSignsProfile);
            Assert.True(profileErrors.Count == 0, string.Join("\n", profileErrors));
        }
    }

    [Fact]
    public void Sepsis_model_output_maps_to_a_risk_assessment_with_probability_and_explanation_that_validates()
    {
        var record = new Storage.ModelRiskRecord("W-1", Vitals.Start, 3, [80f, 97f, 37f, 120f, 90f, 75f, 16f], true, 14, 0.14, 0.09, 0.2,
            Clinical.Sepsis.SepsisRiskLevel.High, [new Storage.RiskContribution("HR_mean6h", 118, 0.8), new Storage.RiskContribution("Temp", null, -0.1)])
        { ElevatedScore = 8, AlarmScore = 12 };
        var risk = FhirMapping.Model(WearerId.Parse("W-1"), record);
        Assert.Equal(0.14m, risk.Prediction[0].Probability is FhirDecimal d ? d.Value : null);
        Assert.Contains("HR_mean6h = 118", risk.Prediction[0].Rationale, StringComparison.Ordinal);
        Assert.Contains("Temp (not measured)", risk.Prediction[0].Rationale, StringComparison.Ordinal);
        var errors = FhirValidation.Errors(risk);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Validator_catches_a_broken_observation_so_the_validation_test_can_fail()
    {
        var broken = FhirMapping.Observation(WearerId.Parse("W-1"), new(Core.Observations.VitalSign.HeartRate, Vitals.Start, 70));
        broken.Status = null;
        broken.Subject = null;
        Assert.NotEmpty(FhirValidation.Errors(broken, FhirMapping.VitalSignsProfile));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Paging_with_count_and_since_returns_every_observation_once_across_pages()
    {
        await using var server = await SeededAsync();
        var client = await server.ClientAsync(Role.Clinician);
        var whole = await EverythingAsync(client, "/fhir/Patient/W-1/$everything");
        var expected = whole.Entry.Where(e => e.Resource is Observation).Select(e => e.Resource.Id).ToList();
        var seen = new List<string>();
        string? url = "/fhir/Patient/W-1/$everything?_count=47";
        int pages = 0;
        while (url is not null)
        {
            var page = await EverythingAsync(client, url);
            seen.AddRange(page.Entry.Where(e => e.Resource is Observation).Select(e => e.Resource.Id));
            Assert.Equal(pages == 0, page.Entry.Any(e => e.Resource is Patient));
            url = page.Link.FirstOrDefault(l => l.Relation == "next")?.Url is { } next ? new Uri(next).PathAndQuery : null;
            pages++;
        }
        Assert.True(pages > 5);
        Assert.Equal(expected, seen);
        var recent = await EverythingAsync(client, "/fhir/Patient/W-1/$everything?_since=" + Uri.EscapeDataString(Vitals.Start.AddMinutes(60).ToString("O")));
        Assert.Equal(12, recent.Entry.Count(e => e.Resource is Observation));
    }

    [Fact]
    public async Task Chunked_reading_across_timestamps_shared_by_several_signs_writes_every_observation_exactly_once()
    {
        await using var server = await SeededAsync();
        var wearer = WearerId.Parse("W-1");
        async Task<List<string>> IdsAsync(int chunk)
        {
            using var stream = new MemoryStream();
            await new FhirExporter(server.Store, server.Clock) { Chunk = chunk }.WriteAsync(stream, new FhirPageRequest(wearer, null, null, false, "http://test/fhir"), Cancel);
            var bundle = JsonSerializer.Deserialize<FhirBundle>(stream.ToArray(), FhirExporter.Json)!;
            return [.. bundle.Entry.Where(e => e.Resource is Observation).Select(e => e.Resource.Id)];
        }
        var whole = await IdsAsync(FhirExporter.ChunkSize);
        Assert.Equal(312, whole.Count);
        Assert.Equal(whole.Count, whole.Distinct().Count());
        foreach (int chunk in new[] { 7, 13, 100 })
        {
            Assert.Equal(whole, await IdsAsync(chunk));
        }
    }

    [Fact]
    public async Task Export_needs_a_clinician_of_the_care_team_and_every_read_is_ledgered()
    {
        await using var server = await SeededAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().GetAsync("/fhir/Patient/W-1/$everything", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await server.ClientAsync(Role.Admin)).GetAsync("/fhir/Patient/W-1/$everything", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await server.ClientAsync(Role.Device)).GetAsync("/fhir/Patient/W-1/$everything", Cancel)).StatusCode);
        var other = await server.ClientAsync(Role.Clinician, [WearerId.Parse("W-2")]);
        var refused = await other.GetAsync("/fhir/Patient/W-1/$everything", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("OperationOutcome", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var clinician = await server.ClientAsync(Role.Clinician);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/fhir/Patient/W-9/$everything", Cancel)).StatusCode);
        var bad = await clinician.GetAsync("/fhir/Patient/W-1/$everything?_count=0", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("_count", await bad.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        long before = await server.Store.LedgerSizeAsync(Cancel);
        await EverythingAsync(clinician, "/fhir/Patient/W-1/$everything");
        Assert.Equal(before + 1, await server.Store.LedgerSizeAsync(Cancel));
        var access = await server.Store.ProveLatestAsync("RecordAccessed", WearerId.Parse("W-1"), Cancel);
        Assert.Contains("read FHIR $everything", Encoding.UTF8.GetString(access!.Record.Data), StringComparison.Ordinal);
    }
}
