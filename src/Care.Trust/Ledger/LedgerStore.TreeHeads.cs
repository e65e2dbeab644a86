using Care.Core.Ids;
using Microsoft.Data.Sqlite;

namespace Care.Trust.Ledger;

public sealed partial class LedgerStore
{
    /// <summary>
    /// Signs and stores a tree head for the current size (returns the existing one when the size has
    /// not changed). Throws <see cref="InvalidOperationException"/> when the store has no signing key.
    /// Must not be called inside a caller's open transaction.
    /// </summary>
    public SignedTreeHead PublishTreeHead()
    {
        lock (_gate)
        {
            var key = _key ?? throw new InvalidOperationException("this ledger store was opened without the log's signing key");
            var tree = Sync();
            var latest = LatestTreeHeadLocked();
            if (latest is not null && latest.TreeSize == tree.Size)
            {
                return latest;
            }
            var head = SignedTreeHead.Sign(key, tree.Size, tree.Root(tree.Size), _time.GetUtcNow());
            using var insert = Command(null, "INSERT INTO ledger_tree_heads (tree_size, root, timestamp_ms, key_id, signature) VALUES ($s, $r, $t, $k, $g)");
            insert.Parameters.AddWithValue("$s", head.TreeSize);
            insert.Parameters.AddWithValue("$r", head.RootHash);
            insert.Parameters.AddWithValue("$t", head.Timestamp.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$k", head.KeyId);
            insert.Parameters.AddWithValue("$g", head.Signature);
            insert.ExecuteNonQuery();
            return head;
        }
    }

    /// <summary>The most recent signed tree head, or null when none was published.</summary>
    public SignedTreeHead? LatestTreeHead()
    {
        lock (_gate)
        {
            return LatestTreeHeadLocked();
        }
    }

    /// <summary>Every signed tree head, smallest size first.</summary>
    public IReadOnlyList<SignedTreeHead> TreeHeads()
    {
        lock (_gate)
        {
            return ReadTreeHeads(_connection, "ORDER BY tree_size");
        }
    }

    /// <summary>
    /// An inclusion proof of entry <paramref name="index"/> under the latest signed tree head,
    /// publishing a new head first when the latest does not cover the entry. Throws
    /// <see cref="KeyNotFoundException"/> when the entry does not exist.
    /// </summary>
    public InclusionProofDocument Prove(long index)
    {
        var record = Read(index);
        var head = LatestTreeHead();
        if (head is null || head.TreeSize <= index)
        {
            head = PublishTreeHead();
        }
        return new InclusionProofDocument(record.Index, record.Data, record.LeafHash, head, InclusionProof(index, head.TreeSize));
    }

    /// <summary>
    /// Inclusion proofs of every entry about <paramref name="wearer"/>, in log order, all under one
    /// signed tree head (publishing a new head first when the latest does not cover the last one), so
    /// a wearer or their doctor can check each entry offline with the log's public key.
    /// </summary>
    public IReadOnlyList<InclusionProofDocument> ProveFor(WearerId wearer)
    {
        var records = EntriesFor(wearer);
        if (records.Count == 0)
        {
            return [];
        }
        var head = LatestTreeHead();
        if (head is null || head.TreeSize <= records[^1].Index)
        {
            head = PublishTreeHead();
        }
        return [.. records.Select(r => new InclusionProofDocument(r.Index, r.Data, r.LeafHash, head, InclusionProof(r.Index, head.TreeSize)))];
    }

    internal static List<SignedTreeHead> ReadTreeHeads(SqliteConnection connection, string orderAndLimit)
    {
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT tree_size, root, timestamp_ms, key_id, signature FROM ledger_tree_heads {orderAndLimit}";
        using var reader = read.ExecuteReader();
        var heads = new List<SignedTreeHead>();
        while (reader.Read())
        {
            heads.Add(new SignedTreeHead(reader.GetInt64(0), (byte[])reader[1], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3), (byte[])reader[4]));
        }
        return heads;
    }

    private SignedTreeHead? LatestTreeHeadLocked() => ReadTreeHeads(_connection, "ORDER BY tree_size DESC LIMIT 1") is [var head] ? head : null;

    /// <summary>
    /// Brings the in-memory tree up to the stored entries. It rebuilds from scratch when the stored
    /// log no longer extends what was loaded (a caller's transaction rolled back after it was read).
    /// </summary>
    private MerkleTree Sync()
    {
        if (_tree.Size > 0)
        {
            using var last = Command(null, "SELECT leaf_hash FROM ledger_entries WHERE idx = $idx");
            last.Parameters.AddWithValue("$idx", _tree.Size - 1);
            if (last.ExecuteScalar() is not byte[] stored || !stored.AsSpan().SequenceEqual(_tree.LeafHash(_tree.Size - 1)))
            {
                _tree = new MerkleTree();
            }
        }
        using var read = Command(null, "SELECT idx, leaf_hash FROM ledger_entries WHERE idx >= $from ORDER BY idx");
        read.Parameters.AddWithValue("$from", _tree.Size);
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            var index = reader.GetInt64(0);
            if (index != _tree.Size)
            {
                throw new InvalidDataException($"ledger entry {_tree.Size} is missing (next stored entry is {index}); run care ledger verify");
            }
            _tree.Append((byte[])reader[1]);
        }
        return _tree;
    }
}
