namespace Care.Kiosk.Tests.Durable;

/// <summary>One seeded crash run: how often the kiosk died and restarted, how its exchanges ended, and every invariant broken.</summary>
internal sealed record CrashRunResult(int Crashes, int Completed, int Abandoned, long Generated, long Stored, IReadOnlyList<string> Violations);
