using Care.Trust.Identity;

namespace Care.Trust.Ledger;

/// <summary>
/// What a witness decides when it sees a new signed tree head (RFC 9162 §8.2's monitor, reduced to
/// its core): the head must be signed by the log key, and it must extend the last head the witness
/// stored — same root at the same size, a valid consistency proof to a larger size, never a smaller
/// size. Two signed heads that cannot both be true are a fork: the log showed different histories,
/// and the two signed heads are the evidence. Stateless, thread safe.
/// </summary>
public static class WitnessCheck
{
    /// <summary>Checks <paramref name="fresh"/> against <paramref name="last"/> (null on a witness's first look).</summary>
    /// <param name="last">The newest head the witness stored before, already checked.</param>
    /// <param name="fresh">The head the log serves now.</param>
    /// <param name="proof">The log's consistency proof from <paramref name="last"/>'s size to <paramref name="fresh"/>'s (ignored when not needed).</param>
    /// <param name="logKey">The log's public key, pinned by the witness.</param>
    public static WitnessVerdict Check(SignedTreeHead? last, SignedTreeHead fresh, IReadOnlyList<byte[]>? proof, HybridVerificationKey logKey)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        ArgumentNullException.ThrowIfNull(logKey);
        if (!fresh.Verify(logKey))
        {
            return new WitnessVerdict(WitnessOutcome.BadSignature, $"the head at size {fresh.TreeSize} is not signed by the pinned log key {logKey.KeyId}");
        }
        if (last is null)
        {
            return new WitnessVerdict(WitnessOutcome.Consistent, $"first head seen: size {fresh.TreeSize}");
        }
        if (fresh.TreeSize < last.TreeSize)
        {
            return new WitnessVerdict(WitnessOutcome.Fork, $"the log went back from size {last.TreeSize} to {fresh.TreeSize}: entries were removed or another history is shown");
        }
        if (fresh.TreeSize == last.TreeSize)
        {
            return fresh.RootHash.AsSpan().SequenceEqual(last.RootHash)
                ? new WitnessVerdict(WitnessOutcome.Consistent, $"unchanged at size {fresh.TreeSize}")
                : new WitnessVerdict(WitnessOutcome.Fork, $"two heads signed at size {fresh.TreeSize} have different roots");
        }
        if (fresh.Timestamp < last.Timestamp)
        {
            return new WitnessVerdict(WitnessOutcome.Fork, $"the head at size {fresh.TreeSize} is dated before the head at size {last.TreeSize}");
        }
        if (last.TreeSize == 0)
        {
            return new WitnessVerdict(WitnessOutcome.Consistent, $"grew from an empty log to size {fresh.TreeSize}");
        }
        if (proof is null)
        {
            return new WitnessVerdict(WitnessOutcome.Fork, $"the log gave no consistency proof from size {last.TreeSize} to {fresh.TreeSize}");
        }
        var check = MerkleVerifier.VerifyConsistency((ulong)last.TreeSize, (ulong)fresh.TreeSize, last.RootHash, fresh.RootHash, proof);
        return check.IsValid
            ? new WitnessVerdict(WitnessOutcome.Consistent, $"grew consistently from size {last.TreeSize} to {fresh.TreeSize}")
            : new WitnessVerdict(WitnessOutcome.Fork, $"the head at size {fresh.TreeSize} does not extend the head at size {last.TreeSize}: {check.Failure}");
    }
}

/// <summary>A witness's verdict on a new head.</summary>
public enum WitnessOutcome
{
    /// <summary>Signed and consistent with what the witness saw before: stored as the newest head.</summary>
    Consistent,

    /// <summary>Not signed by the pinned log key: ignored (anyone can serve bytes).</summary>
    BadSignature,

    /// <summary>Signed, but inconsistent with a head the log signed before: evidence of a rewritten or split history.</summary>
    Fork,
}

/// <summary>The outcome and its explanation.</summary>
/// <param name="Outcome">What was decided.</param>
/// <param name="Detail">Why, naming the sizes.</param>
public sealed record WitnessVerdict(WitnessOutcome Outcome, string Detail);
