using Care.Core.Ids;
using Care.Patch.Runtime;
using Care.Trust.Identity;

namespace Care.Simulation.Vitals;

/// <summary>Ready-made uploads for benchmarks and tests: one wearer-day of per-minute vitals, sealed by its own patch.</summary>
public static class SyntheticBundles
{
    /// <summary>
    /// Simulates wearer <paramref name="index"/> (a healthy adult, seed = index) for the day from
    /// <paramref name="dayStart"/> on a new patch <c>P-bench-INDEX</c> with a fresh hybrid identity,
    /// and seals the day's outbox for <paramref name="hermes"/> (about 4,500 observations).
    /// Register <see cref="PatchCredentials.DeviceKey"/>'s public key before uploading.
    /// </summary>
    public static (SealedUpload Upload, PatchCredentials Credentials) WearerDay(int index, DateTimeOffset dayStart, HybridKemPublicKey hermes)
    {
        var credentials = new PatchCredentials(HybridSigningKey.Generate(), hermes);
        var patch = new WearablePatch(PatchId.Parse($"P-bench-{index:D6}"), WearerId.Parse($"W-bench-{index:D6}"), credentials);
        var body = new VitalsSimulator(new WearerProfile(70, 15, 97, 36.8, 122, 78, 12), null, index);
        for (var t = dayStart; t < dayStart.AddDays(1); t = t.AddMinutes(1))
        {
            body.Minute(t, patch);
        }
        return (patch.Seal(dayStart.AddDays(1)), credentials);
    }
}
