namespace Care.Core.Observations;

/// <summary>
/// One measurement of one wearer at one instant, in the unit of its <see cref="VitalSign"/>
/// (see <see cref="ObservationCatalog"/>). A small immutable value; thread safe.
/// </summary>
/// <param name="Sign">What was measured.</param>
/// <param name="Time">When it was measured (UTC).</param>
/// <param name="Value">The value, in the sign's UCUM unit.</param>
public readonly record struct Observation(VitalSign Sign, DateTimeOffset Time, double Value);
