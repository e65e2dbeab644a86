using Care.Kiosk.Exchange;
using Care.Kiosk.Exchange.Journal;
using Care.Patch.State;
using Care.Trust.Identity;

namespace Care.Kiosk.Tests.Durable;

public sealed class DurableExchangeTests : IDisposable
{
    private readonly string _dir = CrashHarness.Folder();
    private readonly string _path;

    public DurableExchangeTests() => _path = Path.Combine(_dir, $"unit-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Given_Hermes_reachable_When_an_exchange_runs_Then_each_step_is_journaled_as_an_intent_before_its_phase_and_it_completes()
    {
        var world = new KioskWorld(1, 1);
        var (kiosk, store) = world.Start(_path);
        using (store)
        {
            var outcome = await kiosk.RunAsync(world.Requests[0], Cancel);
            Assert.Equal(ExchangePhase.Completed, outcome.Phase);
            var lines = store.Lines(world.Requests[0].ExchangeId);
            string[] expected = ["Started", "intent Detach", "Detached", "intent Enqueue", "Queued", "intent Fill", "Filled", "intent LoadModel", "ModelLoaded", "intent LoadState", "intent Attach", "Attached", "Held", "intent Wipe", "Completed"];
            Assert.Equal(expected, lines.Select(l => (l.IsIntent ? "intent " : "") + l.Step));
            Assert.Contains(world.Requests[0].OldPatch, world.Hardware.Wiped);
        }
    }

    [Fact]
    public async Task Given_Hermes_unreachable_When_wearers_exchange_Then_they_leave_with_new_patches_and_the_old_ones_are_wiped_only_after_forwarding_in_order()
    {
        var world = new KioskWorld(2, 3);
        world.Hermes.OutageRate = 1;
        var (kiosk, store) = world.Start(_path);
        using (store)
        {
            foreach (var request in world.Requests)
            {
                var outcome = await kiosk.RunAsync(request, Cancel);
                Assert.Equal(ExchangePhase.Held, outcome.Phase);
                Assert.Contains("stays at the kiosk", outcome.Message, StringComparison.Ordinal);
                Assert.Contains(request.NewPatch, world.Hardware.OnBody);
            }
            Assert.Empty(world.Hardware.Wiped);
            Assert.Empty(world.Hermes.Stored);
            Assert.Equal(3, await kiosk.ForwardAsync(Cancel));
            world.Hermes.OutageRate = 0;
            Assert.Equal(0, await kiosk.ForwardAsync(Cancel));
            Assert.Equal(world.Generated, world.Hermes.Stored.Values.Sum());
            var order = store.All().Select(q => q.ExchangeId);
            Assert.Equal(world.Requests.Select(r => r.ExchangeId), order);
            Assert.All(world.Requests, r => Assert.Equal(ExchangePhase.Completed, store.Find(r.ExchangeId)!.Phase));
            Assert.Equal(3, world.Hardware.Wiped.Count);
        }
    }

    [Fact]
    public async Task Given_a_full_forward_queue_When_a_new_exchange_starts_Then_it_is_refused_with_a_clear_message_before_anything_is_touched()
    {
        var world = new KioskWorld(3, 3);
        world.Hermes.OutageRate = 1;
        var (kiosk, store) = world.Start(_path, queueCapacity: 2);
        using (store)
        {
            await kiosk.RunAsync(world.Requests[0], Cancel);
            await kiosk.RunAsync(world.Requests[1], Cancel);
            var e = await Assert.ThrowsAsync<ForwardQueueFullException>(() => kiosk.RunAsync(world.Requests[2], Cancel));
            Assert.Contains("2 bundles already wait for Hermes (capacity 2)", e.Message, StringComparison.Ordinal);
            Assert.Contains("keep your current patch", e.Message, StringComparison.Ordinal);
            Assert.Contains(world.Requests[2].OldPatch, world.Hardware.OnBody);
            Assert.Null(store.Find(world.Requests[2].ExchangeId));
        }
    }

    [Fact]
    public async Task Given_a_plan_for_another_wearer_When_the_cartridge_would_be_filled_Then_the_exchange_is_abandoned_unfilled_and_the_old_patch_is_not_wiped()
    {
        var world = new KioskWorld(4, 2);
        var (kiosk, store) = world.Start(_path);
        using (store)
        {
            var request = world.Requests[0] with { Plan = world.Requests[1].Plan };
            var outcome = await kiosk.RunAsync(request, Cancel);
            Assert.Equal(ExchangePhase.Abandoned, outcome.Phase);
            Assert.Contains("is for another wearer", outcome.Message, StringComparison.Ordinal);
            Assert.Contains("contact your care team", outcome.Message, StringComparison.Ordinal);
            Assert.Empty(world.Hardware.PhysicalFills);
            Assert.DoesNotContain(request.OldPatch, world.Hardware.Wiped);
            // Its data still reaches Hermes from the queue.
            Assert.Equal(world.Hardware.Patches[request.OldPatch].Outbox.Count, world.Hermes.Stored.Values.Single());
        }
    }

    [Fact]
    public async Task Given_a_completed_exchange_Then_the_new_patch_holds_the_old_patchs_learned_state_as_transfer_1()
    {
        var world = new KioskWorld(11, 1);
        var (kiosk, store) = world.Start(_path);
        using (store)
        {
            var r = world.Requests[0];
            Assert.Equal(ExchangePhase.Completed, (await kiosk.RunAsync(r, Cancel)).Phase);
            var sent = world.Hardware.Learned[r.OldPatch].InsulinLoop!;
            var got = world.Hardware.Loaded[r.NewPatch].InsulinLoop!;
            Assert.Equal(sent.Controller.MealDoseScale, got.Controller.MealDoseScale);
            Assert.Equal(sent.Controller.CgmValues, got.Controller.CgmValues);
            Assert.Equal(sent.Governor.DoseUnits, got.Governor.DoseUnits);
            Assert.Equal(1, world.Hardware.Keepers[r.NewPatch].Sequence);
        }
    }

    [Theory]
    [InlineData(30)]
    [InlineData(2000)]
    [InlineData(-1)]
    public async Task Given_a_corrupt_learned_state_When_it_would_be_loaded_Then_the_exchange_is_abandoned_before_attaching_and_nothing_is_wiped(int at)
    {
        var world = new KioskWorld(12, 1);
        world.Hardware.CorruptStateByte = at;
        var (kiosk, store) = world.Start(_path);
        using (store)
        {
            var r = world.Requests[0];
            if (at < 0)
            {
                // A blob that is sound but sealed for another wearer's new patch: the patch itself refuses it.
                world.Hardware.CorruptStateByte = null;
                world.Hardware.Keepers[r.NewPatch] = new PatchStateKeeper(r.NewPatch, Care.Core.Ids.WearerId.Parse("W-99"), HybridSigningKey.Generate(), HybridKemPrivateKey.Generate());
            }
            var outcome = await kiosk.RunAsync(r, Cancel);
            Assert.Equal(ExchangePhase.Abandoned, outcome.Phase);
            Assert.Contains("learned state refused at byte", outcome.Message, StringComparison.Ordinal);
            Assert.Contains("care team", outcome.Message, StringComparison.Ordinal);
            Assert.Empty(world.Hardware.Attaches);
            Assert.Empty(world.Hardware.StateLoads);
            Assert.Empty(world.Hardware.Wiped);
        }
    }

    [Fact]
    public async Task Given_a_model_file_that_is_not_the_released_one_When_loading_Then_the_exchange_is_abandoned_before_attaching()
    {
        var world = new KioskWorld(5, 1);
        var (kiosk, store) = world.Start(_path);
        using (store)
        {
            var outcome = await kiosk.RunAsync(world.Requests[0] with { ModelFile = [1, 2, 3] }, Cancel);
            Assert.Equal(ExchangePhase.Abandoned, outcome.Phase);
            Assert.Contains("SHA-256", outcome.Message, StringComparison.Ordinal);
            Assert.Empty(world.Hardware.ModelLoads);
            Assert.Empty(world.Hardware.Attaches);
        }
    }

    [Fact]
    public async Task Given_a_patch_key_that_is_not_the_patchs_When_its_bundle_is_read_Then_it_is_refused_unqueued_and_nothing_is_wiped()
    {
        var world = new KioskWorld(6, 1);
        var (kiosk, store) = world.Start(_path);
        using (store)
        {
            var outcome = await kiosk.RunAsync(world.Requests[0] with { OldPatchKey = HybridSigningKey.Generate().PublicKey }, Cancel);
            Assert.Equal(ExchangePhase.Abandoned, outcome.Phase);
            Assert.Contains("signature that does not verify", outcome.Message, StringComparison.Ordinal);
            Assert.Null(store.QueuedFor(world.Requests[0].ExchangeId));
            Assert.Empty(world.Hardware.Wiped);
        }
    }

    [Fact]
    public void Given_a_journal_written_by_newer_code_When_opened_Then_it_is_refused_naming_the_versions()
    {
        using (var store = new SqliteExchangeJournal(_path, TimeProvider.System))
        {
        }
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 9";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidDataException>(() => new SqliteExchangeJournal(_path, TimeProvider.System));
        Assert.Contains("schema version 9, newer than this kiosk's 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_file_that_is_not_SQLite_When_opened_as_a_journal_Then_it_is_refused_with_its_path()
    {
        File.WriteAllText(_path, new string('x', 5000));
        var e = Assert.Throws<InvalidDataException>(() => new SqliteExchangeJournal(_path, TimeProvider.System));
        Assert.Contains(_path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_exchange_id_already_completed_When_run_again_Then_nothing_is_done_twice()
    {
        var world = new KioskWorld(7, 1);
        var (kiosk, store) = world.Start(_path);
        using (store)
        {
            await kiosk.RunAsync(world.Requests[0], Cancel);
            var again = await kiosk.RunAsync(world.Requests[0], Cancel);
            Assert.Equal(ExchangePhase.Completed, again.Phase);
            Assert.Equal(1, world.Hardware.PhysicalFills.Single().Value);
            Assert.Equal(1, world.Hermes.Writes.Single().Value);
        }
    }

    [Fact]
    public async Task Given_the_new_patch_is_the_old_one_When_run_Then_it_is_refused()
    {
        var world = new KioskWorld(8, 1);
        var (kiosk, store) = world.Start(_path);
        using (store)
        {
            var r = world.Requests[0];
            await Assert.ThrowsAsync<ArgumentException>(() => kiosk.RunAsync(r with { NewPatch = r.OldPatch }, Cancel));
            Assert.Null(store.Find(r.ExchangeId));
        }
    }
}
