using System.Text.Json;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;

namespace Care.Trust.Ledger;

/// <summary>
/// Recomputes the whole log from the stored entry bytes, independent of any cached hash, and checks
/// every signed tree head against it: the log's own heads and any held elsewhere (a witness's, a
/// wearer's proof). Catches a modified entry (its hash no longer matches, or the next entry committed
/// to a different log before it, or a signed root no longer matches), reordered entries (each entry
/// states its own index), deleted entries (gaps), a truncated log (a head signed for more entries
/// than remain), forged or re-ordered heads, and a fork (two signed heads of one size with different
/// roots). Reads only; thread safe.
/// </summary>
public static class LedgerVerifier
{
    /// <summary>Verifies the log that <paramref name="reader"/> returns against the log key.</summary>
    /// <param name="reader">The stored log.</param>
    /// <param name="logKey">The log's public key, from a copy the verifier trusts.</param>
    /// <param name="witnessed">Signed heads obtained outside the log's storage (a witness's state); they catch a truncation even when the log's own newer heads were deleted too.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public static async Task<LedgerVerification> VerifyAsync(
        ILedgerReader reader, HybridVerificationKey logKey, IReadOnlyList<SignedTreeHead>? witnessed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(logKey);
        var stored = await reader.ReadTreeHeadsAsync(cancellationToken);
        var heads = stored.Select(h => new Head(h, "signed tree head"))
            .Concat((witnessed ?? []).Select(h => new Head(h, "witnessed tree head")))
            .OrderBy(h => h.Signed.TreeSize).ThenBy(h => h.Source, StringComparer.Ordinal).ToList();
        var state = new State(heads.Count);
        if (HeadProblem(heads, stored, logKey) is { } headProblem)
        {
            return state.Bad(null, headProblem);
        }
        int next = 0;
        await foreach (var record in reader.ReadEntriesAsync(cancellationToken))
        {
            if (CheckHeadsAt(heads, ref next, state) is { } failed)
            {
                return failed;
            }
            long expected = state.Tree.Size;
            if (record.Index != expected)
            {
                return state.Bad(expected, record.Index > expected
                    ? $"entry {expected} is missing (the next stored entry is {record.Index})"
                    : $"entry {record.Index} is stored twice");
            }
            if (EntryProblem(record, out var previousRoot) is { } problem)
            {
                return state.Bad(expected, $"entry {expected}: {problem}");
            }
            if (ChainProblem(record.Index, previousRoot, state) is { } chain)
            {
                return chain;
            }
            state.Tree.Append(record.LeafHash);
        }
        if (CheckHeadsAt(heads, ref next, state) is { } last)
        {
            return last;
        }
        if (next < heads.Count)
        {
            var head = heads[next];
            return state.Bad(state.Tree.Size, $"log truncated: a {head.Source} was signed at size {head.Signed.TreeSize} but only {state.Tree.Size} entries remain (entries {state.Tree.Size}–{head.Signed.TreeSize - 1} were deleted)");
        }
        var newest = stored.Count == 0 ? null : stored.MaxBy(h => h.TreeSize);
        return new LedgerVerification(true, state.Tree.Size, heads.Count, null, null, state.Tree.Size - (newest?.TreeSize ?? 0), newest);
    }

    /// <summary>Checks that need no entries: signatures, one root per size, time moving with size.</summary>
    private static string? HeadProblem(List<Head> heads, IReadOnlyList<SignedTreeHead> stored, HybridVerificationKey logKey)
    {
        foreach (var head in heads)
        {
            if (!head.Signed.Verify(logKey))
            {
                return $"{head.Source} at size {head.Signed.TreeSize}: signature does not verify with log key {logKey.KeyId}";
            }
        }
        for (int i = 1; i < heads.Count; i++)
        {
            var (a, b) = (heads[i - 1].Signed, heads[i].Signed);
            if (a.TreeSize == b.TreeSize && !a.RootHash.AsSpan().SequenceEqual(b.RootHash))
            {
                return $"fork: two heads signed at size {a.TreeSize} have different roots ({Hex(a.RootHash)}… in a {heads[i - 1].Source}, {Hex(b.RootHash)}… in a {heads[i].Source})";
            }
        }
        for (int i = 1; i < stored.Count; i++)
        {
            if (stored[i].Timestamp < stored[i - 1].Timestamp)
            {
                return $"signed tree head at size {stored[i].TreeSize} is dated {stored[i].Timestamp:O}, before the head at size {stored[i - 1].TreeSize} ({stored[i - 1].Timestamp:O})";
            }
        }
        return null;
    }

    /// <summary>Checks every head whose size equals the entries read so far.</summary>
    private static LedgerVerification? CheckHeadsAt(List<Head> heads, ref int next, State state)
    {
        long size = state.Tree.Size;
        for (; next < heads.Count && heads[next].Signed.TreeSize == size; next++)
        {
            var head = heads[next];
            if (!state.Tree.Root(size).AsSpan().SequenceEqual(head.Signed.RootHash))
            {
                // Entry size−1 committed to the log before it and that part still matches: the change is in it.
                long firstBad = state.LastEntryChained ? size - 1 : state.Anchored;
                return state.Bad(firstBad, $"entries changed: the {head.Source} at size {size} does not match the stored entries; " +
                    (firstBad == size - 1 && state.Anchored < size - 1
                        ? $"entry {firstBad} was changed (entries before it still give the log it committed to; if several were rewritten, the first is in [{state.Anchored}, {size}))"
                        : $"the first bad entry is in [{state.Anchored}, {size})"));
            }
            if (state.AnchorHead is { } previous && previous.TreeSize > 0 && previous.TreeSize < size)
            {
                var proof = state.Tree.ConsistencyProof(previous.TreeSize, size);
                var consistent = MerkleVerifier.VerifyConsistency((ulong)previous.TreeSize, (ulong)size, previous.RootHash, head.Signed.RootHash, proof);
                if (!consistent.IsValid)
                {
                    return state.Bad(previous.TreeSize, $"the heads at sizes {previous.TreeSize} and {size} are not consistent: {consistent.Failure}");
                }
            }
            state.Anchored = size;
            state.AnchorHead = head.Signed;
        }
        return null;
    }

    /// <summary>An entry that states the root of the log before it must agree with the stored entries.</summary>
    private static LedgerVerification? ChainProblem(long index, byte[]? committed, State state)
    {
        state.LastEntryChained = false;
        if (committed is null)
        {
            return null;
        }
        var actual = state.Tree.Root(index);
        if (actual.AsSpan().SequenceEqual(committed))
        {
            state.LastEntryChained = true;
            return null;
        }
        if (index == 0)
        {
            return state.Bad(0, "entry 0: its prevRoot is not the empty log's root (modified)");
        }
        string range = state.Anchored < index - 1 ? $" (if several entries were rewritten, the first is in [{state.Anchored}, {index}))" : string.Empty;
        return state.Bad(index - 1, $"entry {index - 1} was changed: entry {index} commits to the log before it with root {Hex(committed)}…, but the stored entries 0–{index - 1} give {Hex(actual)}…{range}");
    }

    private static string? EntryProblem(LedgerRecord record, out byte[]? previousRoot)
    {
        previousRoot = null;
        if (!MerkleHash.Leaf(record.Data).AsSpan().SequenceEqual(record.LeafHash))
        {
            return "its data does not match its stored leaf hash (modified)";
        }
        try
        {
            using var document = JsonDocument.Parse(record.Data);
            var root = document.RootElement;
            if (!root.TryGetProperty("index", out var index) || !index.TryGetInt64(out var stated))
            {
                return "its data has no index";
            }
            if (stated != record.Index)
            {
                return $"it holds the data of entry {stated} (entries reordered)";
            }
            if (!root.TryGetProperty("kind", out var kind) || kind.GetString() != record.Kind)
            {
                return "its kind column does not match its data";
            }
            var wearer = root.TryGetProperty("wearer", out var w) ? w.GetString() : null;
            if (wearer != record.Wearer)
            {
                return "its wearer column does not match its data";
            }
            if (root.TryGetProperty(LedgerEntry.PreviousRootField, out var previous))
            {
                if (previous.ValueKind != JsonValueKind.String || previous.GetString() is not { Length: 64 } text || !text.All(Uri.IsHexDigit))
                {
                    return "its prevRoot is not a 32-byte root in hex";
                }
                previousRoot = Convert.FromHexString(text);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return $"its data is not canonical JSON ({e.Message})";
        }
        return null;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes)[..16];

    private sealed record Head(SignedTreeHead Signed, string Source);

    /// <summary>What the verifier knows while it reads: the recomputed tree and the last anchor that held.</summary>
    private sealed class State(int heads)
    {
        public MerkleTree Tree { get; } = new();

        /// <summary>Size of the last signed head that matched (entries before it are as signed).</summary>
        public long Anchored { get; set; }

        public SignedTreeHead? AnchorHead { get; set; }

        /// <summary>The last entry read stated the root of the log before it, and it matched.</summary>
        public bool LastEntryChained { get; set; }

        public LedgerVerification Bad(long? firstBad, string problem) => new(false, Tree.Size, heads, firstBad, problem, 0);
    }
}
