using Care.Core.Ids;

namespace Care.Simulation.Demo;

/// <summary>What happened in a demo run, counted on the device side.</summary>
/// <param name="WearerIds">Every simulated wearer.</param>
/// <param name="ObservationsGenerated">Readings the patches accepted into their outboxes.</param>
/// <param name="SensorFaults">Readings the patches discarded as impossible.</param>
/// <param name="Exchanges">Completed kiosk exchanges.</param>
/// <param name="Illnesses">Simulated deteriorations: wearer and onset.</param>
public sealed record DemoOutcome(
    IReadOnlyList<WearerId> WearerIds,
    long ObservationsGenerated,
    long SensorFaults,
    int Exchanges,
    IReadOnlyList<(WearerId Wearer, DateTimeOffset Onset)> Illnesses)
{
    /// <summary>Diabetic wearers (UVA/Padova bodies, insulin from the patch loop).</summary>
    public int DiabeticWearers { get; init; }

    /// <summary>CGM readings (LOINC 99504-3) the patches accepted; part of <see cref="ObservationsGenerated"/>.</summary>
    public long GlucoseReadings { get; init; }

    /// <summary>Insulin dose records the patches put in their outboxes.</summary>
    public long DosesGenerated { get; init; }

    /// <summary>Insulin that left the cartridges (U), all diabetic wearers.</summary>
    public double InsulinDeliveredUnits { get; init; }

    /// <summary>Cartridge alerts (low reservoir, empty, occlusion) raised on the patches.</summary>
    public int CartridgeAlerts { get; init; }

    /// <summary>Simulated minutes of the diabetic wearers.</summary>
    public long DiabeticMinutes { get; init; }

    /// <summary>Of those, minutes with the simulator's true glucose in 70–180 mg/dL.</summary>
    public long DiabeticMinutesInRange { get; init; }

    /// <summary>Learned-state blobs moved from an old patch to a new one (signed, encrypted, verified, loaded).</summary>
    public int LearnedStateTransfers { get; init; }

    /// <summary>Bytes of those blobs.</summary>
    public long LearnedStateBytes { get; init; }

    /// <summary>Wearers whose patch recorded ECG.</summary>
    public int EcgWearers { get; init; }

    /// <summary>ECG samples the patches processed (250 Hz).</summary>
    public long EcgSamples { get; init; }

    /// <summary>Arrhythmias the synthetic ECG drew (ground truth: AF episodes, ventricular runs, pauses), by kind.</summary>
    public IReadOnlyDictionary<Core.Events.PatchEventKind, long> ArrhythmiasDrawn { get; init; } = new Dictionary<Core.Events.PatchEventKind, long>();

    /// <summary>Rhythm events the patches' ECG pipelines put in their outboxes, by kind.</summary>
    public IReadOnlyDictionary<Core.Events.PatchEventKind, long> RhythmEventsByKind { get; init; } = new Dictionary<Core.Events.PatchEventKind, long>();

    /// <summary>Rhythm events the patches generated.</summary>
    public long RhythmEventsGenerated => RhythmEventsByKind.Values.Sum();

    /// <summary>Time in range 70–180 mg/dL on true glucose, percent; null without diabetic wearers.</summary>
    public double? TimeInRangePercent => DiabeticMinutes == 0 ? null : 100.0 * DiabeticMinutesInRange / DiabeticMinutes;
}
