using System.CommandLine;
using System.Diagnostics;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Kiosk.Exchange;
using Care.Simulation.Demo;
using Spectre.Console;

namespace Care.Cli.Demo;

/// <summary>
/// <c>care simulate</c>: the demo's world of wearers, patches and kiosks, but the kiosks talk to a
/// running Hermes over HTTP (<see cref="HttpHermesUplink"/>): a smoke and load test of a deployed
/// Hermes (<c>care serve</c>) through its real API. Everything is counted on the device side and
/// from Hermes's acknowledgements; exit 1 when an observation was generated but not acknowledged.
/// </summary>
internal static class SimulateCommand
{
    private const string DeviceTokenVariable = "CARE_DEVICE_TOKEN";
    private const string AdminTokenVariable = "CARE_ADMIN_TOKEN";

    public static Command Create()
    {
        var world = new WorldOptions();
        var hermes = new Option<string>("--hermes") { Description = "Hermes's root URL, e.g. http://127.0.0.1:5080 (care serve)", Required = true, HelpName = "URL" };
        var deviceToken = new Option<string?>("--device-token") { Description = $"Device-role bearer token for uploads (default: ${DeviceTokenVariable}; create one with: care token create --role device)" };
        var adminToken = new Option<string?>("--admin-token") { Description = $"Admin-role bearer token to register the new patches' identities (default: ${AdminTokenVariable})" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each HTTP answer (1-600); a timeout is retried like an unreachable Hermes", DefaultValueFactory = _ => 30 };
        var json = CommonOptions.Json();
        var command = new Command("simulate",
            "Run simulated wearers (vitals, diabetic wearers' glucose and insulin doses, ECG rhythm events) whose daily kiosk visits upload to a running Hermes over HTTP, and check that Hermes acknowledged every observation.");
        foreach (var option in world.All.Concat([hermes, deviceToken, adminToken, timeout, json]))
        {
            command.Options.Add(option);
        }
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var settings = world.Read(parse);
            var text = parse.GetValue(hermes)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new InvalidInputException("--hermes", $"'{text}' is not an http(s) URL");
            }
            string device = parse.GetValue(deviceToken) ?? Environment.GetEnvironmentVariable(DeviceTokenVariable)
                ?? throw new InvalidInputException("--device-token", $"required (or set ${DeviceTokenVariable}); create one with: care token create --role device --db <Hermes's database>");
            string admin = parse.GetValue(adminToken) ?? Environment.GetEnvironmentVariable(AdminTokenVariable)
                ?? throw new InvalidInputException("--admin-token", $"required to register the simulated patches (or set ${AdminTokenVariable}); create one with: care token create --role admin");
            int seconds = parse.GetValue(timeout);
            if (seconds is < 1 or > 600)
            {
                throw new InvalidInputException("--timeout", $"{seconds} is out of range; use 1 to 600");
            }
            var error = parse.InvocationConfiguration.Error;
            using var http = new HttpClient { BaseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/"), Timeout = TimeSpan.FromSeconds(seconds) };
            var uplink = new CountingUplink(await HttpHermesUplink.ConnectAsync(http, device, admin, cancellationToken));
            await error.WriteLineAsync($"Hermes: {http.BaseAddress} (recipient key {uplink.RecipientKey.KeyId})");

            var days = settings.Days;
            var demo = settings.Settings(await settings.CohortAsync(error));
            var clock = Stopwatch.StartNew();
            var outcome = await ConsoleProgress.RunAsync($"Simulating {settings.Wearers} wearers x {days} days against {url.Host}", settings.Wearers * (days + 1),
                progress => DemoSimulation.RunAsync(demo, uplink, parse.GetValue(json) ? null : progress, cancellationToken));
            double elapsed = clock.Elapsed.TotalSeconds;
            var summary = new SimulateSummary(
                http.BaseAddress!.AbsoluteUri, settings.Wearers, days, settings.Seed, demo.RunId, outcome.Exchanges,
                uplink.Acknowledged, uplink.AlreadyStored, uplink.Unavailable,
                outcome.ObservationsGenerated, uplink.ObservationsAcknowledged, outcome.SensorFaults,
                outcome.DiabeticWearers, outcome.DosesGenerated, outcome.TimeInRangePercent is double tir ? Math.Round(tir, 1) : null,
                outcome.EcgWearers, outcome.RhythmEventsGenerated, outcome.Illnesses.Count,
                Math.Round(elapsed, 2), Math.Round(outcome.ObservationsGenerated / Math.Max(elapsed, 1e-9)));
            await CliOutput.WriteAsync(parse, parse.GetValue(json), summary, Print);
            if (!summary.NothingLost)
            {
                await error.WriteLineAsync($"care simulate: {summary.ObservationsGenerated - summary.ObservationsAcknowledged} observations were generated but not acknowledged by Hermes");
                return ExitCodes.Failure;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(SimulateSummary s, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect, Interactive = InteractionSupport.No });
        var table = new Table().Title("care simulate").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("Hermes", Markup.Escape(s.Hermes));
        table.AddRow("run id (wearer ids W-<run>-NNNN)", s.RunId);
        table.AddRow("wearers x days", $"{s.Wearers:N0} x {s.Days:N0}");
        table.AddRow("kiosk exchanges completed", $"{s.Exchanges:N0}");
        table.AddRow("uploads acknowledged (of which already stored)", $"{s.UploadsAcknowledged:N0} ({s.AlreadyStored:N0})");
        table.AddRow("upload attempts retried (Hermes unavailable)", $"{s.UploadsRetried:N0}");
        table.AddRow("observations generated", $"{s.ObservationsGenerated:N0}");
        table.AddRow("observations acknowledged by Hermes", $"{s.ObservationsAcknowledged:N0}");
        table.AddRow("sensor faults discarded on the patch", $"{s.SensorFaultsDiscarded:N0}");
        table.AddRow("diabetic wearers / insulin dose records", $"{s.DiabeticWearers:N0} / {s.DoseRecordsGenerated:N0}");
        table.AddRow("time in range 70-180 mg/dL (true BG)", s.TimeInRangePercent is double tir ? $"{tir:N1} %" : "-");
        table.AddRow("ECG wearers / rhythm events", $"{s.EcgWearers:N0} / {s.RhythmEventsGenerated:N0}");
        table.AddRow("simulated illnesses", $"{s.Illnesses:N0}");
        table.AddRow("elapsed", $"{s.ElapsedSeconds:N2} s");
        table.AddRow("observations/s", $"{s.ObservationsPerSecond:N0}");
        console.Write(table);
        console.WriteLine("Alerts, risk and records are Hermes's: read them through its API (GET /v1/alerts, /v1/wearers/{id}/...) with a clinician token.");
    }

    /// <summary>The result, as printed or serialised.</summary>
    internal sealed record SimulateSummary(
        string Hermes, int Wearers, int Days, int Seed, string RunId, int Exchanges,
        long UploadsAcknowledged, long AlreadyStored, long UploadsRetried,
        long ObservationsGenerated, long ObservationsAcknowledged, long SensorFaultsDiscarded,
        int DiabeticWearers, long DoseRecordsGenerated, double? TimeInRangePercent,
        int EcgWearers, long RhythmEventsGenerated, int Illnesses,
        double ElapsedSeconds, double ObservationsPerSecond)
    {
        /// <summary>True when Hermes acknowledged every observation the patches generated.</summary>
        public bool NothingLost => ObservationsAcknowledged == ObservationsGenerated;
    }
}
