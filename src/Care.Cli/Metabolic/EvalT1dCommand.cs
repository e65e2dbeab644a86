using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Metabolic.Evaluation;
using Care.Metabolic.Patients;
using Care.Metabolic.Scenarios;
using Spectre.Console;

namespace Care.Cli.Metabolic;

/// <summary>
/// <c>care eval t1d</c>: runs a dosing controller in closed loop on the virtual T1D cohort and
/// prints consensus glucose metrics per patient and for the cohort (table, or JSON with --json).
/// </summary>
internal static class EvalT1dCommand
{
    /// <summary>The <c>t1d</c> subcommand.</summary>
    public static Command T1d()
    {
        var command = new Command("t1d", "Closed-loop insulin dosing on the 30 virtual patients of the UVA/Padova simulator.");
        var controller = new Option<string>("--controller") { Description = "care | pid | basal-bolus", DefaultValueFactory = _ => "care" };
        var scenario = new Option<string>("--scenario") { Description = string.Join(" | ", Scenario.Names), DefaultValueFactory = _ => "standard" };
        var days = new Option<int>("--days") { Description = "Simulated days per patient (1..365).", DefaultValueFactory = _ => 14 };
        var seed = new Option<int>("--seed") { Description = "Scenario seed (meals, stress events, sensor noise).", DefaultValueFactory = _ => 1 };
        var cohort = new Option<string>("--cohort") { Description = "all | adults | adolescents | children | one patient, e.g. adult#009", DefaultValueFactory = _ => "all" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table (no progress bar)." };
        var data = new Option<string?>("--data") { Description = "The t1d data folder (default: shared/data/t1d found above the current directory, or $CARE_SHARED_DATA/t1d)." };
        var trace = new Option<FileInfo?>("--trace") { Description = "Also write every control period (true glucose, CGM, meals, dose and its reason) of every selected patient to this CSV file." };
        foreach (var option in new Option[] { controller, scenario, days, seed, cohort, json, data, trace })
        {
            command.Options.Add(option);
        }
        CliAction.Set(command, async (parse, cancel) =>
        {
            var folder = parse.GetValue(data) ?? T1dDataFolder.Locate()
                ?? throw new InvalidInputException("--data", "no t1d data folder found; pass --data <path to shared/data/t1d>");
            var virtualCohort = VirtualCohort.Load(folder);
            var name = parse.GetValue(controller)!;
            var scenarioName = parse.GetValue(scenario)!;
            var selection = parse.GetValue(cohort)!;
            var asJson = parse.GetValue(json);
            var count = virtualCohort.Select(selection).Count;
            var traceFile = parse.GetValue(trace);
            if (traceFile?.Directory is { Exists: false } traceFolder)
            {
                // Checked before the run, not after minutes of simulation.
                throw new InvalidInputException("--trace", $"the folder {traceFolder.FullName} does not exist");
            }
            if (traceFile is not null && Directory.Exists(traceFile.FullName))
            {
                throw new InvalidInputException("--trace", $"'{traceFile.FullName}' is a folder; give the CSV file to write");
            }
            var steps = traceFile is null ? null : new ConcurrentDictionary<string, List<ClosedLoopStep>>(StringComparer.Ordinal);
            Action<string, ClosedLoopStep>? record = steps is null ? null : (id, step) => steps.GetOrAdd(id, _ => []).Add(step);
            CohortReport report;
            if (asJson)
            {
                report = CohortEvaluation.Run(virtualCohort, name, scenarioName, parse.GetValue(days), parse.GetValue(seed), selection, null, cancel, record);
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parse.InvocationConfiguration.Error) });
                report = null!;
                await console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask($"{name} / {scenarioName}", maxValue: count);
                    report = await Task.Run(() => CohortEvaluation.Run(
                        virtualCohort, name, scenarioName, parse.GetValue(days), parse.GetValue(seed), selection,
                        _ => task.Increment(1), cancel, record), cancel);
                });
            }
            if (traceFile is not null && steps is not null)
            {
                await WriteTraceAsync(traceFile, report, steps, cancel);
                await parse.InvocationConfiguration.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Trace: {steps.Values.Sum(s => s.Count):N0} control periods of {report.Patients.Count} patient(s) written to {traceFile.FullName}"));
            }
            var output = parse.InvocationConfiguration.Output;
            if (asJson)
            {
                await output.WriteLineAsync(ToJson(report).ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            }
            else
            {
                WriteTable(report, output);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    // One line per control period, patients in report order; each patient's steps were added by one thread in time order.
    private static async Task WriteTraceAsync(FileInfo file, CohortReport report, IReadOnlyDictionary<string, List<ClosedLoopStep>> steps, CancellationToken cancel)
    {
        await using var writer = new StreamWriter(file.FullName, append: false);
        await writer.WriteLineAsync("patient,minute,glucose_mg_dl,cgm_mg_dl,announced_g,eaten_g,basal_u_per_h,bolus_u,reason,detail");
        foreach (var patient in report.Patients)
        {
            foreach (var s in steps.GetValueOrDefault(patient.Id) ?? [])
            {
                cancel.ThrowIfCancellationRequested();
                var d = s.Dose;
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{patient.Id},{s.Minute},{s.GlucoseMgPerDl:F2},{s.CgmMgPerDl:F1},{s.AnnouncedGrams:F0},{s.EatenGrams:F0},{d.BasalUnitsPerHour:F3},{d.BolusUnits:F3},{d.Reason},\"{d.Detail.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
            }
        }
    }

    private static JsonObject ToJson(CohortReport report)
    {
        var patients = new JsonArray();
        foreach (var p in report.Patients)
        {
            var o = Metrics(p.Metrics);
            o.Insert(0, "id", p.Id);
            patients.Add(o);
        }
        return new JsonObject
        {
            ["controller"] = report.Controller,
            ["scenario"] = report.Scenario,
            ["days"] = report.Days,
            ["seed"] = report.Seed,
            ["patients"] = patients,
            ["cohort"] = Metrics(report.Cohort),
        };
    }

    private static JsonObject Metrics(GlucoseMetrics m) => new()
    {
        ["meanGlucose"] = Round(m.MeanGlucose),
        ["tir"] = Round(m.Tir),
        ["tbr70"] = Round(m.Tbr70),
        ["tbr54"] = Round(m.Tbr54),
        ["tar180"] = Round(m.Tar180),
        ["tar250"] = Round(m.Tar250),
        ["cv"] = Round(m.Cv),
        ["lbgi"] = Round(m.Lbgi),
        ["hbgi"] = Round(m.Hbgi),
        ["minGlucose"] = Round(m.MinGlucose),
        ["insulinPerDay"] = Round(m.InsulinPerDay),
    };

    private static double Round(double value) => Math.Round(value, 3);

    private static void WriteTable(CohortReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        // Redirected output has no terminal width; the 12-column table needs about 110 characters.
        console.Profile.Width = Math.Max(console.Profile.Width, 120);
        var table = new Table().Title($"{report.Controller} / {report.Scenario} / {report.Days} d / seed {report.Seed}");
        foreach (var h in new[] { "patient", "mean", "TIR %", "<70 %", "<54 %", ">180 %", ">250 %", "CV %", "LBGI", "HBGI", "min", "U/day" })
        {
            table.AddColumn(new TableColumn(h).RightAligned());
        }
        foreach (var p in report.Patients)
        {
            table.AddRow(Row(p.Id, p.Metrics));
        }
        table.AddRow(Row("cohort", report.Cohort));
        console.Write(table);
    }

    private static string[] Row(string id, GlucoseMetrics m)
    {
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        return [id, F(m.MeanGlucose, "F1"), F(m.Tir, "F1"), F(m.Tbr70, "F2"), F(m.Tbr54, "F2"), F(m.Tar180, "F1"), F(m.Tar250, "F1"),
            F(m.Cv, "F1"), F(m.Lbgi, "F2"), F(m.Hbgi, "F2"), F(m.MinGlucose, "F1"), F(m.InsulinPerDay, "F1")];
    }
}
