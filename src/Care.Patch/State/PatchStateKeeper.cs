using Care.Core.Ids;
using Care.Trust.Identity;

namespace Care.Patch.State;

/// <summary>
/// A patch's side of moving the wearer's learned state: its identity key signs what it hands on, its
/// own hybrid KEM key (generated on the patch; the private half never leaves it) opens what it is
/// given, and it remembers the sequence of the state it holds so that nothing older is ever loaded.
/// A fresh patch holds sequence 0 (a stranger to the wearer). Not thread safe.
/// </summary>
/// <param name="patch">This patch.</param>
/// <param name="wearer">The wearer it was issued to.</param>
/// <param name="identity">Its identity key (registered with Hermes).</param>
/// <param name="stateKey">Its key-establishment key for incoming state.</param>
public sealed class PatchStateKeeper(PatchId patch, WearerId wearer, HybridSigningKey identity, HybridKemPrivateKey stateKey)
{
    /// <summary>This patch.</summary>
    public PatchId Patch { get; } = patch;

    /// <summary>The wearer it serves.</summary>
    public WearerId Wearer { get; } = wearer;

    /// <summary>The public key a kiosk reads to seal the old patch's state for this one.</summary>
    public HybridKemPublicKey StateKey { get; } = (stateKey ?? throw new ArgumentNullException(nameof(stateKey))).PublicKey;

    /// <summary>The sequence of the state this patch holds (0: none transferred yet).</summary>
    public long Sequence { get; private set; }

    /// <summary>
    /// Seals <paramref name="state"/> for the patch holding <paramref name="recipient"/>, as the next
    /// transfer after the one this patch received. Repeatable: every call carries the same sequence.
    /// </summary>
    public byte[] Export(LearnedState state, HybridKemPublicKey recipient, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return LearnedStateBlob.Seal(state, Wearer, Patch, Sequence + 1, now, identity, recipient);
    }

    /// <summary>
    /// Opens a blob made by <paramref name="fromPatch"/> (checked against its registered
    /// <paramref name="fromKey"/>) and takes its sequence as this patch's.
    /// </summary>
    /// <exception cref="LearnedStateRefusedException">Tampered, for another wearer or patch, from another patch, stale, of an unknown version or malformed.</exception>
    public LearnedState Import(ReadOnlySpan<byte> blob, PatchId fromPatch, HybridVerificationKey fromKey)
    {
        var (envelope, state) = LearnedStateBlob.Open(blob, Wearer, fromPatch, fromKey, stateKey, Sequence);
        Sequence = envelope.Sequence;
        return state;
    }
}
