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

    /// <summary>Time in range 70–180 mg/dL on true glucose, percent; null without diabetic wearers.</summary>
    public double? TimeInRangePercent => DiabeticMinutes == 0 ? null : 100.0 * DiabeticMinutesInRange / DiabeticMinutes;
}
