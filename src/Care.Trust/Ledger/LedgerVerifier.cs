using System.Text.Json;
using Care.Trust.Identity;
using Microsoft.Data.Sqlite;

namespace Care.Trust.Ledger;

/// <summary>
/// Recomputes the whole log from the stored entry bytes, independent of any cached hash, and checks
/// every signed tree head against it. Catches a modified entry (its hash or a tree head root no
/// longer matches), reordered entries (each entry states its own index), deleted entries (gaps) and
/// a truncated log (a tree head signed for more entries than remain). Reads only.
/// </summary>
public static class LedgerVerifier
{
    /// <summary>Verifies the ledger tables on <paramref name="connection"/> against the log key.</summary>
    public static LedgerVerification Verify(SqliteConnection connection, HybridVerificationKey logKey)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(logKey);
        var tree = new MerkleTree();
        var heads = LedgerStore.ReadTreeHeads(connection, "ORDER BY tree_size");
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT idx, kind, wearer, data, leaf_hash FROM ledger_entries ORDER BY idx";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var record = LedgerStore.ReadRecord(reader);
                var expected = tree.Size;
                if (record.Index != expected)
                {
                    return Bad(tree.Size, heads.Count, expected, $"entry {expected} is missing (the next stored entry is {record.Index})");
                }
                if (EntryProblem(record) is { } problem)
                {
                    return Bad(tree.Size, heads.Count, expected, $"entry {expected}: {problem}");
                }
                tree.Append(record.LeafHash);
            }
        }
        long checkedUpTo = 0;
        foreach (var head in heads)
        {
            if (!head.Verify(logKey))
            {
                return Bad(tree.Size, heads.Count, null, $"signed tree head at size {head.TreeSize}: signature does not verify with log key {logKey.KeyId}");
            }
            if (head.TreeSize > tree.Size)
            {
                return Bad(tree.Size, heads.Count, tree.Size, $"log truncated: a tree head was signed at size {head.TreeSize} but only {tree.Size} entries remain");
            }
            if (!tree.Root(head.TreeSize).AsSpan().SequenceEqual(head.RootHash))
            {
                return Bad(tree.Size, heads.Count, checkedUpTo, $"entries changed: the signed tree head at size {head.TreeSize} does not match the stored entries; the first bad entry is in [{checkedUpTo}, {head.TreeSize})");
            }
            checkedUpTo = head.TreeSize;
        }
        return new LedgerVerification(true, tree.Size, heads.Count, null, null, tree.Size - checkedUpTo);
    }

    private static LedgerVerification Bad(long entries, int heads, long? firstBad, string problem) =>
        new(false, entries, heads, firstBad, problem, 0);

    private static string? EntryProblem(LedgerRecord record)
    {
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
        }
        catch (JsonException e)
        {
            return $"its data is not canonical JSON ({e.Message})";
        }
        return null;
    }
}
