using System.Text.Json.Serialization;

namespace Care.Cli.Demo;

/// <summary>The demo's result, as printed (table) or serialised (<c>--json</c>).</summary>
internal sealed record DemoSummary
{
    public required int Wearers { get; init; }

    public required int Days { get; init; }

    public required int Seed { get; init; }

    public required string Database { get; init; }

    public required long ObservationsGenerated { get; init; }

    public required long ObservationsStored { get; init; }

    public required long SensorFaultsDiscarded { get; init; }

    public required int Exchanges { get; init; }

    /// <summary>Wearers with a UVA/Padova body and a patch running the insulin loop.</summary>
    public required int DiabeticWearers { get; init; }

    /// <summary>CGM readings (LOINC 99504-3) generated on the patches; included in the observation counts.</summary>
    public required long GlucoseReadings { get; init; }

    /// <summary>Insulin dose records the patches generated.</summary>
    public required long DoseRecordsGenerated { get; init; }

    /// <summary>Insulin dose records Hermes stored for this run's wearers (counted in the database).</summary>
    public required long DoseRecordsStored { get; init; }

    /// <summary>Insulin that left the cartridges, U.</summary>
    public required double InsulinDeliveredUnits { get; init; }

    /// <summary>Cartridge alerts (low reservoir, empty, occlusion) raised on the patches.</summary>
    public required int CartridgeAlerts { get; init; }

    /// <summary>Diabetic wearers' time with the simulator's true glucose in 70–180 mg/dL, percent; null without them.</summary>
    public required double? TimeInRangePercent { get; init; }

    /// <summary>Learned-state blobs a diabetic wearer's old patch sealed for the new one and the new one loaded (ADR 0018).</summary>
    public int LearnedStateTransfers { get; init; }

    /// <summary>Wearers whose patch recorded ECG (a daily window) and ran the ECG pipeline.</summary>
    public required int EcgWearers { get; init; }

    /// <summary>ECG samples (250 Hz) the patches processed.</summary>
    public required long EcgSamples { get; init; }

    /// <summary>Arrhythmias the synthetic ECG drew (ground truth), by event kind.</summary>
    public required IReadOnlyDictionary<string, long> ArrhythmiasDrawn { get; init; }

    /// <summary>Rhythm events the patches' ECG pipelines generated.</summary>
    public required long RhythmEventsGenerated { get; init; }

    /// <summary>Rhythm events Hermes stored for this run's wearers (counted in the database).</summary>
    public required long RhythmEventsStored { get; init; }

    /// <summary>Rhythm events generated, by kind.</summary>
    public required IReadOnlyDictionary<string, long> RhythmEventsGeneratedByKind { get; init; }

    /// <summary>Rhythm events stored, by kind (counted in the database).</summary>
    public required IReadOnlyDictionary<string, long> RhythmEventsStoredByKind { get; init; }

    /// <summary>Entries in the ledger when the run ended (all runs in this database), covered by a fresh signed tree head.</summary>
    public required long LedgerEntries { get; init; }

    /// <summary>Ledger entries this run appended.</summary>
    public required long LedgerEntriesThisRun { get; init; }

    /// <summary>Size of the database and its write-ahead log on disk after the run, in bytes.</summary>
    public required long DatabaseBytes { get; init; }

    /// <summary>A few of this run's wearer ids, to read their records with <c>care serve</c> (e.g. <c>GET /v1/wearers/{id}/risk</c>).</summary>
    public required IReadOnlyList<string> ExampleWearers { get; init; }

    /// <summary>Simulated acute deteriorations.</summary>
    public required int Illnesses { get; init; }

    /// <summary>Each simulated deterioration: the wearer and the onset (the event is onset + 6 h), so alert rules can be re-measured offline.</summary>
    public required IReadOnlyList<IllnessOnset> IllnessOnsets { get; init; }

    /// <summary>The sepsis model Hermes ran (its file name), or null when none was found or it was turned off.</summary>
    public required string? SepsisModel { get; init; }

    /// <summary>NEWS2 alerts: counts by level and how they did on the illnesses.</summary>
    public required AlertReport News2Alerts { get; init; }

    /// <summary>Sepsis-model alerts (medium = the model's Elevated, high = its alarm), or null without a model.</summary>
    public required AlertReport? ModelAlerts { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required double ObservationsPerSecond { get; init; }

    /// <summary>
    /// One kind of alert: counts by level (low-medium, medium, high), the illness measures (see
    /// <see cref="Simulation.Demo.IllnessAlerting"/>) and, by level, the alerts outside an illness.
    /// </summary>
    public sealed record AlertReport(IReadOnlyDictionary<string, int> ByLevel, Simulation.Demo.IllnessAlerting Illnesses, IReadOnlyDictionary<string, int> OutsideIllnessByLevel);

    /// <summary>One simulated deterioration: the wearer and when it began (UTC).</summary>
    public sealed record IllnessOnset(string Wearer, DateTimeOffset Onset);

    [JsonIgnore]
    public bool NothingLost => ObservationsStored == ObservationsGenerated && DoseRecordsStored == DoseRecordsGenerated && RhythmEventsStored == RhythmEventsGenerated;
}
