using System.CommandLine;
using System.Diagnostics;
using Care.Cli.Hosting;
using Care.Clinical.EarlyWarning;
using Care.Core.Events;
using Care.Hermes.Hosting;
using Care.Hermes.Alerts;
using Care.Hermes.Storage;
using Care.Hermes.Risk;
using Care.Hermes.Storage.Sqlite;
using Care.Simulation.Demo;
using Spectre.Console;

namespace Care.Cli.Demo;

/// <summary><c>care demo</c>: the whole loop, patches to kiosks to Hermes, in accelerated time.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var world = new WorldOptions();
        var model = new Option<string?>("--model")
        {
            Description = "Sepsis model file Hermes scores each wearer-hour with (default: models/sepsis-vitals-v3.model, else models/sepsis-v2.model, in or above the current folder); 'none' for NEWS2 alerts only",
            HelpName = "FILE",
        };
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("demo",
            "Simulate wearers with patches for some days: vitals (and, for diabetic wearers, CGM glucose and the patch loop's insulin doses) go to the patch outbox, ECG wearers' patches add rhythm events (AF, ventricular runs, pauses), daily kiosk exchanges upload them to Hermes (SQLite), Hermes scores NEWS2 and the sepsis model incrementally and raises explained alerts.")
        {
            model, db, json,
        };
        foreach (var option in world.All.Reverse())
        {
            command.Options.Insert(0, option);
        }
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var w = world.Read(parse);
            var scoring = ModelOption.Load(parse.GetValue(model), "--model");
            var summary = await RunAsync(w.Wearers, w.Days, w.Seed, w.DiabeticShare, w.EcgShare, w.EcgHoursPerDay, scoring, parse.GetValue(db)!, parse.GetValue(json), parse.InvocationConfiguration.Error, cancellationToken);
            await CliOutput.WriteAsync(parse, parse.GetValue(json), summary, Print);
            if (!summary.NothingLost)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"care demo: {summary.ObservationsGenerated - summary.ObservationsStored} observations and {summary.DoseRecordsGenerated - summary.DoseRecordsStored} doses and {summary.RhythmEventsGenerated - summary.RhythmEventsStored} rhythm events were generated but not stored");
                return ExitCodes.Failure;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs the demo against the database at <paramref name="database"/> and counts what arrived.</summary>
    public static async Task<DemoSummary> RunAsync(
        int wearers, int days, int seed, double diabeticShare, double ecgShare, double ecgHoursPerDay, SepsisRiskScoring? modelRisk, string database, bool quiet, TextWriter notes, CancellationToken cancellationToken)
    {
        // Hermes is composed as care serve composes it, on the embedded SQLite backend.
        await using var hermes = HermesComposition.Open(SqliteBackend.Options(Path.GetFullPath(database)), TimeProvider.System, modelRisk);
        var store = hermes.Store;
        string databasePath = hermes.Options.DatabasePath;
        await notes.WriteLineAsync($"Database: {databasePath}");
        var world = new WorldOptions.World(wearers, days, seed, diabeticShare, ecgShare, ecgHoursPerDay);
        var cohort = await world.CohortAsync(notes);
        await notes.WriteLineAsync(modelRisk is null ? "Sepsis model: none (NEWS2 alerts only)." : $"Sepsis model: {modelRisk.ModelName}.");
        var uplink = new InProcessUplink(store, hermes.Ingestor, hermes.Recipient.PublicKey, TimeProvider.System);
        long ledgerBefore = await store.LedgerSizeAsync(cancellationToken);
        var settings = world.Settings(cohort);
        int expectedExchanges = wearers * (days + 1);
        var clock = Stopwatch.StartNew();
        var outcome = await ConsoleProgress.RunAsync($"Simulating {wearers} wearers x {days} days", expectedExchanges,
            progress => DemoSimulation.RunAsync(settings, uplink, quiet ? null : progress, cancellationToken));
        double elapsed = clock.Elapsed.TotalSeconds;
        // Hermes signs a last head when it stops, so the run leaves no entry unsigned.
        var head = await store.PublishTreeHeadAsync(cancellationToken);

        long stored = await store.CountObservationsAsync(outcome.WearerIds, cancellationToken);
        long dosesStored = await store.CountDosesAsync(outcome.WearerIds, cancellationToken);
        var eventsStored = await store.CountEventsAsync(outcome.WearerIds, cancellationToken);
        var kinds = Enum.GetValues<PatchEventKind>();
        var alerts = (await store.GetAlertsAsync(new AlertQuery(settings.Start, News2Level.Low, null, outcome.WearerIds, int.MaxValue), cancellationToken)).ToList();
        DemoSummary.AlertReport Report(AlertKind kind)
        {
            var ofKind = alerts.Where(a => a.Kind == kind).ToList();
            var levels = new[] { News2Level.LowMedium, News2Level.Medium, News2Level.High };
            DemoAlert[] Of(IEnumerable<Hermes.Storage.AlertRecord> some) => [.. some.Select(a => new DemoAlert(a.WearerId, a.RaisedAt, a.Level >= News2Level.Medium))];
            return new DemoSummary.AlertReport(
                levels.ToDictionary(level => level.ToName(), level => ofKind.Count(a => a.Level == level)),
                IllnessAlerting.Measure(outcome.Illnesses, Of(ofKind)),
                levels.ToDictionary(level => level.ToName(), level => IllnessAlerting.Measure(outcome.Illnesses, Of(ofKind.Where(a => a.Level == level))).AlertsOutsideIllness));
        }
        return new DemoSummary
        {
            Wearers = wearers,
            Days = days,
            Seed = seed,
            Database = databasePath,
            ObservationsGenerated = outcome.ObservationsGenerated,
            ObservationsStored = stored,
            SensorFaultsDiscarded = outcome.SensorFaults,
            Exchanges = outcome.Exchanges,
            DiabeticWearers = outcome.DiabeticWearers,
            GlucoseReadings = outcome.GlucoseReadings,
            DoseRecordsGenerated = outcome.DosesGenerated,
            DoseRecordsStored = dosesStored,
            InsulinDeliveredUnits = Math.Round(outcome.InsulinDeliveredUnits, 1),
            CartridgeAlerts = outcome.CartridgeAlerts,
            LearnedStateTransfers = outcome.LearnedStateTransfers,
            TimeInRangePercent = outcome.TimeInRangePercent is double tir ? Math.Round(tir, 1) : null,
            EcgWearers = outcome.EcgWearers,
            EcgSamples = outcome.EcgSamples,
            ArrhythmiasDrawn = kinds.ToDictionary(PatchEventKinds.Name, k => outcome.ArrhythmiasDrawn.GetValueOrDefault(k)),
            RhythmEventsGenerated = outcome.RhythmEventsGenerated,
            RhythmEventsStored = eventsStored.Values.Sum(),
            RhythmEventsGeneratedByKind = kinds.ToDictionary(PatchEventKinds.Name, k => outcome.RhythmEventsByKind.GetValueOrDefault(k)),
            RhythmEventsStoredByKind = kinds.ToDictionary(PatchEventKinds.Name, k => eventsStored.GetValueOrDefault(k)),
            LedgerEntries = head.TreeSize,
            LedgerEntriesThisRun = head.TreeSize - ledgerBefore,
            DatabaseBytes = DatabaseBytes(databasePath),
            ExampleWearers = [.. outcome.WearerIds.Take(3).Select(w => w.Value)],
            Illnesses = outcome.Illnesses.Count,
            IllnessOnsets = [.. outcome.Illnesses.Select(i => new DemoSummary.IllnessOnset(i.Wearer.Value, i.Onset))],
            SepsisModel = modelRisk?.ModelName,
            News2Alerts = Report(AlertKind.News2),
            ModelAlerts = modelRisk is null ? null : Report(AlertKind.SepsisModel),
            ElapsedSeconds = Math.Round(elapsed, 2),
            ObservationsPerSecond = Math.Round(outcome.ObservationsGenerated / Math.Max(elapsed, 1e-9)),
        };
    }

    /// <summary>The database file and its write-ahead log, in bytes.</summary>
    private static long DatabaseBytes(string path) =>
        new[] { path, path + "-wal" }.Select(p => new FileInfo(p)).Where(f => f.Exists).Sum(f => f.Length);

    private static void Print(DemoSummary s, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect, Interactive = InteractionSupport.No });
        var table = new Table().Title("care demo").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("wearers", $"{s.Wearers:N0}");
        table.AddRow("days", $"{s.Days:N0}");
        table.AddRow("observations generated", $"{s.ObservationsGenerated:N0}");
        table.AddRow("observations stored", $"{s.ObservationsStored:N0}");
        table.AddRow("sensor faults discarded on the patch", $"{s.SensorFaultsDiscarded:N0}");
        table.AddRow("diabetic wearers (patch insulin loop)", $"{s.DiabeticWearers:N0}");
        table.AddRow("glucose readings (CGM, 99504-3)", $"{s.GlucoseReadings:N0}");
        table.AddRow("insulin dose records generated", $"{s.DoseRecordsGenerated:N0}");
        table.AddRow("insulin dose records stored", $"{s.DoseRecordsStored:N0}");
        table.AddRow("insulin delivered (U)", $"{s.InsulinDeliveredUnits:N1}");
        table.AddRow("time in range 70-180 mg/dL (true BG)", s.TimeInRangePercent is double tir ? $"{tir:N1} %" : "-");
        table.AddRow("cartridge alerts", $"{s.CartridgeAlerts:N0}");
        table.AddRow("learned state moved to new patches", $"{s.LearnedStateTransfers:N0}");
        table.AddRow("ECG wearers (patch ECG pipeline)", $"{s.EcgWearers:N0}");
        table.AddRow("ECG samples processed (250 Hz)", $"{s.EcgSamples:N0}");
        table.AddRow("arrhythmias drawn (AF / V runs / pauses)", Kinds(s.ArrhythmiasDrawn));
        table.AddRow("rhythm events generated", $"{s.RhythmEventsGenerated:N0} ({Kinds(s.RhythmEventsGeneratedByKind)})");
        table.AddRow("rhythm events stored", $"{s.RhythmEventsStored:N0} ({Kinds(s.RhythmEventsStoredByKind)})");
        table.AddRow("kiosk exchanges (sealed, signed, in the ledger)", $"{s.Exchanges:N0}");
        table.AddRow("ledger entries (this run / whole database)", $"{s.LedgerEntriesThisRun:N0} / {s.LedgerEntries:N0}");
        table.AddRow("database size (all runs)", $"{s.DatabaseBytes / 1048576.0:N1} MB");
        table.AddRow("example wearers (read with care serve)", string.Join(", ", s.ExampleWearers));
        table.AddRow("simulated illnesses", $"{s.Illnesses:N0}");
        AddAlerts(table, "NEWS2", s.News2Alerts);
        if (s.ModelAlerts is { } model)
        {
            AddAlerts(table, $"sepsis model ({s.SepsisModel})", model);
        }
        table.AddRow("elapsed", $"{s.ElapsedSeconds:N2} s");
        table.AddRow("observations/s", $"{s.ObservationsPerSecond:N0}");
        console.Write(table);
        console.WriteLine("Alerts are decision support: they ask a clinician to assess the wearer. The sepsis model was trained on ICU patients, not on wearers.");
    }

    private static void AddAlerts(Table table, string kind, DemoSummary.AlertReport report)
    {
        table.AddRow($"{kind} alerts low-medium / medium / high", string.Join(" / ", report.ByLevel.Values.Select(c => $"{c:N0}")));
        var i = report.Illnesses;
        table.AddRow($"{kind}: illnesses alerted (medium+, within 24 h)", $"{i.Alerted:N0} of {i.Illnesses:N0}, {i.AlertedBeforeEvent:N0} before the event");
        table.AddRow($"{kind}: lead time before the event (h)", i.Alerted == 0 ? "-" : $"median {i.MedianLeadHours:N1}, min {i.MinLeadHours:N1}, max {i.MaxLeadHours:N1}");
        table.AddRow($"{kind}: alerts outside an illness (low-medium / medium / high)", $"{i.AlertsOutsideIllness:N0} ({string.Join(" / ", report.OutsideIllnessByLevel.Values.Select(c => $"{c:N0}"))})");
    }

    private static string Kinds(IReadOnlyDictionary<string, long> byKind) =>
        string.Join(" / ", PatchEventKinds.All.Select(k => $"{byKind.GetValueOrDefault(k):N0}"));
}
