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
    IReadOnlyList<(WearerId Wearer, DateTimeOffset Onset)> Illnesses);
