using System.CommandLine;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Care.Hermes.Interop.Fhir;
using Care.Hermes.Storage.Sqlite;

namespace Care.Cli.Fhir;

/// <summary><c>care fhir export</c>: a wearer's record as a FHIR R4 Bundle file, offline from the database (what <c>GET /fhir/Patient/{id}/$everything</c> serves).</summary>
internal static class FhirCommand
{
    public static Command Create()
    {
        var group = new Command("fhir", "HL7 FHIR R4: export a wearer's record offline (the server also serves /fhir/Patient/{id}/$everything and takes POST /fhir transactions).");
        group.Subcommands.Add(Export());
        return group;
    }

    private static Command Export()
    {
        var wearer = new Option<string>("--wearer") { Description = "The wearer's pseudonymous id", Required = true, HelpName = "ID" };
        var output = new Option<string>("--out") { Description = "The Bundle file to write (FHIR JSON; replaced if it exists)", Required = true, HelpName = "FILE" };
        var since = new Option<string?>("--since") { Description = "Only readings, doses and alerts at or after this instant (e.g. 2026-11-26T00:00:00Z); the Patient, Devices, risk and Provenance are left out then, as on a later page", HelpName = "INSTANT" };
        var baseUrl = new Option<string>("--base")
        {
            Description = "FHIR base for the entries' fullUrl",
            DefaultValueFactory = _ => "http://127.0.0.1:5080/fhir",
            HelpName = "URL",
        };
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("export",
            "Write a wearer's record as a FHIR R4 searchset Bundle: Patient (pseudonymous), Devices (patch identity hash), every Observation (LOINC + UCUM, vital-signs profile), insulin MedicationAdministrations, NEWS2 and sepsis-model RiskAssessments, alert Flags and Provenance per ledger act. The read is written to the ledger as RecordAccessed by 'operator'.")
        {
            wearer, output, since, baseUrl, db, json,
        };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            string text = parse.GetValue(wearer)!;
            if (!WearerId.TryParse(text, out var id))
            {
                throw new InvalidInputException("--wearer", $"'{text}' is not a wearer id: {IdText.Rule}");
            }
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } s)
            {
                from = DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                    ? t : throw new InvalidInputException("--since", $"'{s}' is not an instant (e.g. 2026-11-26T00:00:00Z)");
            }
            string database = Path.GetFullPath(parse.GetValue(db)!);
            if (!File.Exists(database))
            {
                throw new InvalidInputException(database, "database not found (pass --db PATH)");
            }
            string file = Path.GetFullPath(parse.GetValue(output)!);
            await using var hermes = HermesComposition.Open(SqliteBackend.Options(database));
            if (!await hermes.Store.WearerExistsAsync(id, cancellationToken))
            {
                throw new InvalidInputException("--wearer", $"no data is stored for wearer '{id}' in {database}");
            }
            // Reading a record is an act like any other: ledgered before any data is written out.
            await hermes.Store.RecordAccessAsync("operator", Role.Clinician, [id], hermes.Time.GetUtcNow(), "FHIR export (care fhir export)", cancellationToken);
            string partial = file + ".partial";
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var request = new FhirPageRequest(id, from, null, from is null, parse.GetValue(baseUrl)!.TrimEnd('/'));
                await new FhirExporter(hermes.Store, hermes.Time).WriteAsync(stream, request, cancellationToken);
            }
            File.Move(partial, file, overwrite: true);
            long bytes = new FileInfo(file).Length;
            var console = parse.InvocationConfiguration.Output;
            await console.WriteLineAsync(parse.GetValue(json)
                ? System.Text.Json.JsonSerializer.Serialize(new { wearer = id.Value, file, bytes }, CliJson.Options)
                : $"Wrote {file} ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes): FHIR R4 Bundle of wearer {id}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
