using Care.Core.Ids;
using Care.Patch.State;
using Care.Simulation.Glucose;
using Care.Trust.Identity;

namespace Care.Simulation.Demo;

/// <summary>
/// The swap path of a diabetic wearer, shared by <c>care demo</c> and <c>care eval swap</c>: the new
/// patch's insulin loop starts from the old patch's learned state (sealed by the old patch for the
/// new patch's KEM key, verified and opened by the new patch against the old patch's registered
/// identity key), from nothing, or carries on in memory, as <see cref="LearnedStateMode"/> says.
/// </summary>
internal static class PatchHandover
{
    /// <summary>One patch's side of the handover: its state keeper and its registered identity key.</summary>
    internal sealed record Side(PatchStateKeeper Keeper, HybridVerificationKey RegisteredKey)
    {
        public static Side Create(PatchId patch, WearerId wearer, HybridSigningKey identity) =>
            new(new PatchStateKeeper(patch, wearer, identity, HybridKemPrivateKey.Generate()), identity.PublicKey);
    }

    /// <summary>Hands the wearer's loop from <paramref name="old"/> to <paramref name="next"/>; returns the blob's size in bytes (0 when nothing moved).</summary>
    /// <exception cref="LearnedStateRefusedException">The new patch refused the blob (cannot happen between honest patches; never swallowed).</exception>
    public static int Swap(DiabeticBody body, LearnedStateMode mode, Side? old, Side? next, DateTimeOffset now)
    {
        switch (mode)
        {
            case LearnedStateMode.OnePatch:
                body.Loop.ReplaceCartridge();
                return 0;
            case LearnedStateMode.Stranger:
                body.StartNewPatch(null);
                return 0;
            default:
                ArgumentNullException.ThrowIfNull(old);
                ArgumentNullException.ThrowIfNull(next);
                var blob = old.Keeper.Export(new LearnedState(body.Loop.Snapshot()), next.Keeper.StateKey, now);
                var state = next.Keeper.Import(blob, old.Keeper.Patch, old.RegisteredKey);
                body.StartNewPatch(state.InsulinLoop ?? throw new InvalidOperationException("the old patch's state carried no insulin loop"));
                return blob.Length;
        }
    }
}
