using System.Buffers.Binary;
using Care.Core.Ids;
using Care.Metabolic.Patients;
using Care.Metabolic.Simulation;
using Care.Patch.Glucose;
using Care.Patch.Runtime;
using Care.Patch.State;
using Care.Trust.Identity;

namespace Care.Patch.Tests.State;

public sealed class LearnedStateBlobTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);
    private static readonly QuestParameters Quest = new(10, 40, 35, 40);
    private static readonly WearerId Wearer = WearerId.Parse("W-7");
    private static readonly PatchId OldId = PatchId.Parse("P-7-1");
    private static readonly PatchId NewId = PatchId.Parse("P-7-2");
    private static readonly HybridSigningKey OldIdentity = HybridSigningKey.Generate();
    private static readonly Lazy<(LearnedState State, byte[] Blob, HybridKemPrivateKey NewKey)> Made = new(Make);

    private static PatchStateKeeper OldKeeper(WearerId? wearer = null) => new(OldId, wearer ?? Wearer, OldIdentity, HybridKemPrivateKey.Generate());

    // A loop that lived a day and a half with meals, so it has reviewed meals and holds insulin on board.
    private static (PatchGlucoseLoop Loop, SimulationClock Clock) LivedLoop()
    {
        var clock = new SimulationClock(T0);
        var loop = new PatchGlucoseLoop(Quest, clock);
        var patch = new WearablePatch(OldId, Wearer, new PatchCredentials(OldIdentity, HybridKemPrivateKey.Generate().PublicKey));
        var random = new Random(14);
        var g = 150.0;
        for (var i = 0; i < 430; i++)
        {
            var minute = i * 5 % 1440;
            var carbs = minute is 60 or 360 or 720 ? 50 : 0;
            g = Math.Clamp(g + (carbs > 0 ? 20 : 0) + (random.NextDouble() - 0.5) * 10 - (g - 125) * 0.03, 60, 350);
            loop.Step(patch, g, carbs);
            clock.Advance(PatchGlucoseLoop.Period);
        }
        return (loop, clock);
    }

    private static (LearnedState, byte[], HybridKemPrivateKey) Make()
    {
        var (loop, clock) = LivedLoop();
        var state = new LearnedState(loop.Snapshot());
        var newKey = HybridKemPrivateKey.Generate();
        return (state, OldKeeper().Export(state, newKey.PublicKey, clock.GetUtcNow()), newKey);
    }

    private static PatchStateKeeper NewKeeper(HybridKemPrivateKey? key = null, WearerId? wearer = null) =>
        new(NewId, wearer ?? Wearer, HybridSigningKey.Generate(), key ?? Made.Value.NewKey);

    private static LearnedStateRefusedException Refused(byte[] blob, PatchStateKeeper? keeper = null, PatchId? from = null, HybridVerificationKey? key = null) =>
        Assert.Throws<LearnedStateRefusedException>(() => (keeper ?? NewKeeper()).Import(blob, from ?? OldId, key ?? OldIdentity.PublicKey));

    [Fact]
    public void Given_a_blob_from_the_old_patch_When_the_new_patch_imports_it_Then_its_loop_decides_exactly_as_the_old_one()
    {
        var (loop, clock) = LivedLoop();
        var newKey = HybridKemPrivateKey.Generate();
        var keeper = new PatchStateKeeper(NewId, Wearer, HybridSigningKey.Generate(), newKey);
        var blob = OldKeeper().Export(new LearnedState(loop.Snapshot()), keeper.StateKey, clock.GetUtcNow());
        var state = keeper.Import(blob, OldId, OldIdentity.PublicKey);
        Assert.Equal(1, keeper.Sequence);
        Assert.InRange(blob.Length, 1000, 16 * 1024);

        var moved = new PatchGlucoseLoop(Quest, clock);
        moved.Restore(state.InsulinLoop!);
        var stranger = new PatchGlucoseLoop(Quest, clock);
        var credentials = new PatchCredentials(HybridSigningKey.Generate(), newKey.PublicKey);
        var (a, b, c) = (new WearablePatch(NewId, Wearer, credentials), new WearablePatch(NewId, Wearer, credentials), new WearablePatch(NewId, Wearer, credentials));
        var differs = 0;
        for (var i = 0; i < 200; i++)
        {
            var g = 140 + 60 * Math.Sin(i / 15.0);
            var carbs = i == 40 ? 60 : 0;
            var original = loop.Step(a, g, carbs);
            var restored = moved.Step(b, g, carbs);
            var fresh = stranger.Step(c, g, carbs);
            Assert.Equal(original.BasalUnitsPerHour, restored.BasalUnitsPerHour);
            Assert.Equal(original.BolusUnits, restored.BolusUnits);
            Assert.Equal(original.Detail, restored.Detail);
            differs += original.TotalUnits != fresh.TotalUnits ? 1 : 0;
            clock.Advance(PatchGlucoseLoop.Period);
        }
        Assert.True(differs > 0, "a stranger loop decided the same: the state made no difference");
    }

    [Fact]
    public void Given_a_blob_When_its_envelope_is_read_without_keys_Then_wearer_source_recipient_and_sequence_are_clear()
    {
        var e = LearnedStateBlob.ReadEnvelope(Made.Value.Blob);
        Assert.Equal((1, Wearer, OldId, Made.Value.NewKey.PublicKey.KeyId, 1L), (e.Version, e.Wearer, e.FromPatch, e.RecipientKeyId, e.Sequence));
    }

    [Fact]
    public void Given_a_changed_byte_in_the_ciphertext_or_header_When_imported_Then_it_is_refused_as_tampered()
    {
        var blob = Made.Value.Blob;
        foreach (var at in new[] { 12, 60, blob.Length / 2, blob.Length - 3400, blob.Length - 1 })
        {
            var bad = (byte[])blob.Clone();
            bad[at] ^= 0x20;
            var e = Refused(bad);
            Assert.True(e.Reason is LearnedStateRefusal.Tampered or LearnedStateRefusal.Malformed, $"byte {at}: {e.Reason} {e.Message}");
        }
        var ciphertext = (byte[])blob.Clone();
        ciphertext[blob.Length / 2] ^= 1;
        Assert.Equal(LearnedStateRefusal.Tampered, Refused(ciphertext).Reason);
    }

    [Fact]
    public void Given_a_blob_for_another_wearer_When_imported_Then_it_is_refused_naming_the_wearer()
    {
        var other = OldKeeper(WearerId.Parse("W-8")).Export(Made.Value.State, Made.Value.NewKey.PublicKey, T0);
        var e = Refused(other);
        Assert.Equal(LearnedStateRefusal.ForeignWearer, e.Reason);
        Assert.Contains("W-7", e.Message);
    }

    [Fact]
    public void Given_a_blob_from_a_patch_that_is_not_the_wearers_When_imported_Then_it_is_refused()
    {
        Assert.Equal(LearnedStateRefusal.ForeignPatch, Refused(Made.Value.Blob, from: PatchId.Parse("P-9-1")).Reason);
        // The right patch id but signed by a device that is not the registered one.
        var impostor = new PatchStateKeeper(OldId, Wearer, HybridSigningKey.Generate(), HybridKemPrivateKey.Generate())
            .Export(Made.Value.State, Made.Value.NewKey.PublicKey, T0);
        var e = Refused(impostor);
        Assert.Equal(LearnedStateRefusal.Tampered, e.Reason);
        Assert.Contains("registered key", e.Message);
    }

    [Fact]
    public void Given_a_blob_sealed_for_another_patch_When_imported_Then_it_is_refused()
    {
        var e = Refused(Made.Value.Blob, NewKeeper(HybridKemPrivateKey.Generate()));
        Assert.Equal(LearnedStateRefusal.NotForThisPatch, e.Reason);
    }

    [Fact]
    public void Given_an_unknown_version_When_imported_Then_it_is_refused_at_the_version_field()
    {
        var bad = (byte[])Made.Value.Blob.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(bad.AsSpan(8), 2);
        var e = Refused(bad);
        Assert.Equal(LearnedStateRefusal.UnknownVersion, e.Reason);
        Assert.Equal(8, e.Offset);
    }

    [Fact]
    public void Given_a_patch_that_already_holds_a_state_When_the_same_or_an_older_one_arrives_Then_it_is_refused_as_stale()
    {
        var keeper = NewKeeper();
        keeper.Import(Made.Value.Blob, OldId, OldIdentity.PublicKey);
        var e = Refused(Made.Value.Blob, keeper);
        Assert.Equal(LearnedStateRefusal.Stale, e.Reason);
        // The chain moves on: the new patch's export carries sequence 2.
        var next = keeper.Export(Made.Value.State, HybridKemPrivateKey.Generate().PublicKey, T0);
        Assert.Equal(2, LearnedStateBlob.ReadEnvelope(next).Sequence);
    }

    [Fact]
    public void Given_truncated_or_oversized_blobs_When_imported_Then_each_is_refused_as_malformed_with_an_offset()
    {
        var blob = Made.Value.Blob;
        for (var length = 0; length < blob.Length; length += 211)
        {
            var e = Refused(blob[..length]);
            Assert.Equal(LearnedStateRefusal.Malformed, e.Reason);
            Assert.InRange(e.Offset, 0, length);
        }
        Assert.Equal(LearnedStateRefusal.Malformed, Refused([.. blob, 0]).Reason);
        var huge = new byte[LearnedStateBlob.MaxBlobBytes + 1];
        var oversized = Refused(huge);
        Assert.Contains("more than", oversized.Message);
    }

    [Fact]
    public void Given_seeded_random_byte_changes_When_imported_Then_none_is_accepted_and_each_refusal_is_a_domain_error()
    {
        var random = new Random(18);
        var blob = Made.Value.Blob;
        for (var run = 0; run < 40; run++)
        {
            var bad = (byte[])blob.Clone();
            bad[random.Next(bad.Length)] ^= (byte)(1 + random.Next(255));
            Refused(bad);
        }
    }

    [Fact]
    public void Given_payloads_with_a_duplicated_unknown_or_truncated_section_When_read_Then_each_is_refused_naming_it()
    {
        var loop = LivedLoop().Loop;
        var plain = LearnedStatePayloadBytes(new LearnedState(loop.Snapshot()));
        var section = plain[1..];
        byte[] twice = [2, .. section, .. section];
        Assert.Contains("twice", Assert.Throws<LearnedStateRefusedException>(() => LearnedStatePayload.Read(twice, 0)).Message);
        byte[] unknown = [1, 9, 0, 0, 0, 0];
        Assert.Contains("unknown section tag 9", Assert.Throws<LearnedStateRefusedException>(() => LearnedStatePayload.Read(unknown, 0)).Message);
        Assert.Contains("claims", Assert.Throws<LearnedStateRefusedException>(() => LearnedStatePayload.Read(plain[..^10], 0)).Message);
        byte[] trailing = [.. plain, 7];
        Assert.Contains("follow", Assert.Throws<LearnedStateRefusedException>(() => LearnedStatePayload.Read(trailing, 0)).Message);
        byte[] tooMany = [200];
        Assert.Contains("sections", Assert.Throws<LearnedStateRefusedException>(() => LearnedStatePayload.Read(tooMany, 0)).Message);
        Assert.Equal(LearnedState.Empty, LearnedStatePayload.Read(LearnedStatePayloadBytes(LearnedState.Empty), 0));
    }

    private static byte[] LearnedStatePayloadBytes(LearnedState state) => LearnedStatePayload.Write(state);

    [Fact]
    public void Given_a_state_whose_governor_part_is_inconsistent_When_a_loop_restores_it_Then_it_is_refused_and_the_loop_is_left_as_it_was()
    {
        var (lived, clock) = LivedLoop();
        var good = lived.Snapshot();
        var loop = new PatchGlucoseLoop(Quest, clock);
        var before = loop.Snapshot();
        var bad = good with { Governor = good.Governor with { DoseCount = -1 } };
        Assert.Throws<ArgumentException>(() => loop.Restore(bad));
        var after = loop.Snapshot();
        Assert.Equal(before.Controller.MealReviews, after.Controller.MealReviews);
        Assert.Equal(before.Controller.BasalUnitsPerMinute, after.Controller.BasalUnitsPerMinute);
        Assert.Equal(before.Controller.CgmCount, after.Controller.CgmCount);
        Assert.NotEqual(good.Controller.CgmCount, after.Controller.CgmCount);
    }
}
