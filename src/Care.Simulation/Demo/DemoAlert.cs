namespace Care.Simulation.Demo;

/// <summary>An alert Hermes raised during a demo, as the demo's evaluation sees it.</summary>
/// <param name="WearerId">The wearer alerted.</param>
/// <param name="Time">When the alert was raised (data time of the assessment).</param>
/// <param name="MediumOrHigher">True when its level is medium or high (the level that counts an illness as alerted).</param>
public readonly record struct DemoAlert(string WearerId, DateTimeOffset Time, bool MediumOrHigher);
