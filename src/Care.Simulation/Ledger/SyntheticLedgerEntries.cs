using Care.Core.Ids;
using Care.Trust.Ledger.Entries;

namespace Care.Simulation.Ledger;

/// <summary>
/// Ready-made ledger entries for benchmarks: a repeating mix of six kinds (bundle accepted, dose plan,
/// cartridge fill, model release, lab job, record access), so every per-kind index of a backend is
/// maintained as in service. Deterministic; thread safe.
/// </summary>
public static class SyntheticLedgerEntries
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Entries <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 of the
    /// mix, about <paramref name="wearers"/> wearers (<c>w-0</c> …, entry i is about wearer i mod
    /// <paramref name="wearers"/>), one second apart from 2026-01-01. Identifiers are unique per entry
    /// number, so two calls with disjoint ranges never collide.
    /// </summary>
    public static LedgerEntry[] Mix(long first, int count, int wearers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(wearers, 1);
        var entries = new LedgerEntry[count];
        for (var n = 0; n < count; n++)
        {
            long i = first + n;
            var wearer = WearerFor(i, wearers);
            var at = Epoch.AddSeconds(i);
            entries[n] = (i % 6) switch
            {
                0 => new BundleAccepted($"b-{i}", Sha, $"patch-{i % 50}", i) { At = at },
                1 => new DosePlanIssued($"p-{i}", wearer, "insulin-aspart", 38.5, "U/d", Sha, "dr-ng") { At = at },
                2 => new CartridgeFilled($"c-{i}", wearer, $"p-{i}", "insulin-aspart", 300, 300, 298.7, "U", "assay-1") { At = at },
                3 => new ModelReleased("glucose-controller", $"1.{i}", Sha, "board") { At = at },
                4 => new LabJob($"j-{i}", "synth-2", Sha, "completed", Sha) { At = at },
                _ => new RecordAccessed("dr-ng", "clinician", wearer, $"review {i}") { At = at },
            };
        }
        return entries;
    }

    /// <summary>The wearer entry <paramref name="i"/> of the mix is about (for kinds that name one).</summary>
    public static WearerId WearerFor(long i, int wearers) => WearerId.Parse($"w-{i % wearers}");
}
