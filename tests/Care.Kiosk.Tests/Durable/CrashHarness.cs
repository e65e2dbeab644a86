using Care.Kiosk.Exchange;

namespace Care.Kiosk.Tests.Durable;

/// <summary>
/// Runs a kiosk through three wearers' exchanges, kills it at a chosen point (or at seeded random
/// points, up to three times), restarts it from its SQLite store each time, lets Hermes come back,
/// and checks the invariants: nothing lost, nothing stored twice, no cartridge filled twice, no
/// patch attached or loaded twice, no patch wiped before Hermes stored its bundle, every exchange
/// completed or abandoned with a message.
/// </summary>
internal static class CrashHarness
{
    public const int Wearers = 3;

    /// <summary>A folder for the runs' stores: tmpfs when there is one (the journal's fsyncs are then free), else the temp folder.</summary>
    public static string Folder()
    {
        string root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        string dir = Path.Combine(root, $"care-kiosk-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Crash points a run without faults passes (the step boundaries and in-step points to enumerate).</summary>
    public static async Task<long> CountPointsAsync(int seed, string dir)
    {
        var world = new KioskWorld(seed, Wearers);
        string path = Path.Combine(dir, $"count-{seed}-{Guid.NewGuid():N}.db");
        await RunAsync(world, path, _ => { });
        var check = Check(world, path, 0);
        if (check.Violations.Count > 0 || check.Completed != Wearers)
        {
            throw new InvalidOperationException($"the run without faults failed: {string.Join("; ", check.Violations)}");
        }
        Delete(path);
        return world.Crasher.Passed;
    }

    /// <summary>One run that dies at point <paramref name="crashAt"/> (1-based), or at up to three seeded random points when null.</summary>
    public static async Task<CrashRunResult> RunAsync(int seed, long? crashAt, double outageRate, double assayFaultRate, long points, string dir)
    {
        var world = new KioskWorld(seed, Wearers);
        world.Hermes.OutageRate = outageRate;
        if (world.Random.NextDouble() < assayFaultRate)
        {
            world.Hardware.AssayError = 0.1;
        }
        int randomCrashesLeft = crashAt is null ? 1 + world.Random.Next(3) : 0;
        world.Crasher.Arm(crashAt ?? 1 + world.Random.NextInt64(points));
        string path = Path.Combine(dir, $"run-{seed}-{Guid.NewGuid():N}.db");
        int crashes = await RunAsync(world, path, crasher =>
        {
            crasher.Arm(--randomCrashesLeft > 0 ? 1 + world.Random.NextInt64(points) : 0);
        });
        var result = Check(world, path, crashes);
        Delete(path);
        return result;
    }

    private static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
    }

    private static async Task<int> RunAsync(KioskWorld world, string path, Action<Crasher> afterCrash)
    {
        int crashes = 0;
        while (true)
        {
            var (kiosk, store) = world.Start(path);
            using (store)
            {
                try
                {
                    if (crashes > 0)
                    {
                        await kiosk.ResumeAsync(TestContext.Current.CancellationToken);
                    }
                    foreach (var request in world.Requests)
                    {
                        await kiosk.RunAsync(request, TestContext.Current.CancellationToken);
                    }
                    // Hermes comes back: the held bundles go out in order and the old patches are wiped.
                    world.Hermes.OutageRate = 0;
                    await kiosk.ForwardAsync(TestContext.Current.CancellationToken);
                    return crashes;
                }
                catch (KioskCrash)
                {
                    crashes++;
                    afterCrash(world.Crasher);
                }
            }
        }
    }

    private static CrashRunResult Check(KioskWorld world, string path, int crashes)
    {
        var hw = world.Hardware;
        var violations = new List<string>(hw.Violations);
        using var store = new Kiosk.Exchange.Journal.SqliteExchangeJournal(path, world.Clock);
        int completed = 0, abandoned = 0;
        foreach (var r in world.Requests)
        {
            var record = store.Find(r.ExchangeId);
            switch (record?.Phase)
            {
                case ExchangePhase.Completed:
                    completed++;
                    if (!hw.Wiped.Contains(r.OldPatch))
                    {
                        violations.Add($"{r.ExchangeId}: completed but old patch not wiped");
                    }
                    if (hw.StateLoads.GetValueOrDefault(r.NewPatch) != 1 || !hw.Loaded.TryGetValue(r.NewPatch, out var loaded)
                        || loaded.InsulinLoop!.Controller.MealReviews != hw.Learned[r.OldPatch].InsulinLoop!.Controller.MealReviews
                        || loaded.InsulinLoop.Governor.DoseCount != hw.Learned[r.OldPatch].InsulinLoop!.Governor.DoseCount)
                    {
                        violations.Add($"{r.ExchangeId}: completed with {hw.StateLoads.GetValueOrDefault(r.NewPatch)} learned-state loads or a state unlike the old patch's");
                    }
                    if (hw.PhysicalFills.GetValueOrDefault(r.CartridgeId) != 1 || hw.Attaches.GetValueOrDefault(r.NewPatch) != 1 || hw.ModelLoads.GetValueOrDefault(r.NewPatch) != 1)
                    {
                        violations.Add($"{r.ExchangeId}: completed with fills {hw.PhysicalFills.GetValueOrDefault(r.CartridgeId)}, attaches {hw.Attaches.GetValueOrDefault(r.NewPatch)}, model loads {hw.ModelLoads.GetValueOrDefault(r.NewPatch)}");
                    }
                    break;
                case ExchangePhase.Abandoned:
                    abandoned++;
                    if (string.IsNullOrWhiteSpace(record.Message) || hw.Wiped.Contains(r.OldPatch) || hw.Attaches.ContainsKey(r.NewPatch))
                    {
                        violations.Add($"{r.ExchangeId}: abandoned unsafely ('{record.Message}')");
                    }
                    break;
                default:
                    violations.Add($"{r.ExchangeId}: ended at {record?.Phase.ToString() ?? "nothing"}, neither completed nor abandoned");
                    break;
            }
            if (hw.PhysicalFills.GetValueOrDefault(r.CartridgeId) > 1 || hw.Attaches.GetValueOrDefault(r.NewPatch) > 1 || hw.ModelLoads.GetValueOrDefault(r.NewPatch) > 1 || hw.StateLoads.GetValueOrDefault(r.NewPatch) > 1)
            {
                violations.Add($"{r.ExchangeId}: something was done twice");
            }
        }
        long stored = world.Hermes.Stored.Values.Sum();
        if (stored != world.Generated)
        {
            violations.Add($"generated {world.Generated} observations, Hermes stored {stored}");
        }
        if (world.Hermes.Stored.Count != world.Requests.Count || world.Hermes.Writes.Values.Any(n => n != 1))
        {
            violations.Add($"Hermes holds {world.Hermes.Stored.Count} bundles for {world.Requests.Count} exchanges, writes {string.Join(',', world.Hermes.Writes.Values)}");
        }
        if (store.Pending().Count != 0)
        {
            violations.Add($"{store.Pending().Count} bundles still wait in the queue with Hermes back");
        }
        return new CrashRunResult(crashes, completed, abandoned, world.Generated, stored, violations);
    }
}
