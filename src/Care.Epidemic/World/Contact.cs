namespace Care.Epidemic.World;

/// <summary>One contact between two agents on one day of the simulated world.</summary>
/// <param name="A">First agent (index).</param>
/// <param name="B">Second agent (index), ≠ A.</param>
/// <param name="StartMinute">Minute of the day the contact starts, 0–1439.</param>
/// <param name="DurationMinutes">Length, 1–(1440 − start) minutes.</param>
/// <param name="DistanceM">Typical distance between the two wearers' patches, metres (&gt; 0).</param>
/// <param name="Setting">Where it happened.</param>
public readonly record struct Contact(int A, int B, short StartMinute, short DurationMinutes, float DistanceM, ContactSetting Setting);
