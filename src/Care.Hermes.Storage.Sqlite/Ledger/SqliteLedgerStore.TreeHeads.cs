using Care.Core.Ids;
using Care.Trust.Ledger;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite.Ledger;

public sealed partial class SqliteLedgerStore
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
            return PublishTreeHeadLocked();
        }
    }

    private SignedTreeHead PublishTreeHeadLocked()
    {
        var key = _key ?? throw new InvalidOperationException("this ledger store was opened without the log's signing key");
        var tree = Sync();
        var latest = LatestTreeHeadLocked();
        if (latest is not null && latest.TreeSize == tree.Size)
        {
            return latest;
        }
        // A head never goes back in time, even if the clock does: witnesses read time order as size order.
        var now = _time.GetUtcNow();
        var head = SignedTreeHead.Sign(key, tree.Size, tree.Root(tree.Size), latest is not null && now < latest.Timestamp ? latest.Timestamp : now);
        InsertHead(head, orIgnore: false);
        return head;
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
    /// Signs a head for the current size when it is due: entries were appended since the latest
    /// head and that head is at least <paramref name="minInterval"/> old (so heads are bounded to one
    /// per interval however busy the log is). Returns the new head, or null when none was due.
    /// Must not be called inside a caller's open transaction.
    /// </summary>
    public SignedTreeHead? PublishTreeHeadIfDue(TimeSpan minInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minInterval, TimeSpan.Zero);
        lock (_gate)
        {
            var latest = LatestTreeHeadLocked();
            long size = Sync().Size;
            if (size == (latest?.TreeSize ?? 0) || (latest is not null && _time.GetUtcNow() - latest.Timestamp < minInterval))
            {
                return null;
            }
            return PublishTreeHeadLocked();
        }
    }

    /// <summary>
    /// An inclusion proof of entry <paramref name="index"/> under the latest signed tree head, or
    /// null while no signed head covers it yet (heads are signed on a schedule, never on read).
    /// Throws <see cref="KeyNotFoundException"/> when the entry does not exist.
    /// </summary>
    public InclusionProofDocument? Prove(long index)
    {
        var record = Read(index);
        var head = LatestTreeHead();
        return head is null || head.TreeSize <= index
            ? null
            : new InclusionProofDocument(record.Index, record.Data, record.LeafHash, head, InclusionProof(index, head.TreeSize));
    }

    /// <summary>
    /// One page of the entries about <paramref name="wearer"/>, in log order, after index
    /// <paramref name="after"/> (−1 for the first page), at most <paramref name="limit"/> (1–10,000).
    /// Entries covered by the latest signed tree head come with an inclusion proof under that head,
    /// so a wearer or their doctor can check each offline with the log's public key; newer entries are
    /// listed as pending until the next scheduled head. Nothing is signed by reading.
    /// </summary>
    public LedgerPage ProveFor(WearerId wearer, long after = -1, int limit = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(after, -1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
        lock (_gate)
        {
            var head = LatestTreeHeadLocked();
            using var read = Command(null, "SELECT idx, kind, wearer, data, leaf_hash FROM ledger_entries WHERE wearer = $w AND idx > $after ORDER BY idx LIMIT $n");
            read.Parameters.AddWithValue("$w", wearer.Value);
            read.Parameters.AddWithValue("$after", after);
            read.Parameters.AddWithValue("$n", limit + 1);
            var records = new List<LedgerRecord>();
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    records.Add(ReadRecord(reader));
                }
            }
            bool more = records.Count > limit;
            if (more)
            {
                records.RemoveAt(limit);
            }
            var tree = head is null ? null : Sync();
            var proven = new List<InclusionProofDocument>();
            var pending = new List<LedgerRecord>();
            foreach (var record in records)
            {
                if (head is not null && record.Index < head.TreeSize)
                {
                    proven.Add(new InclusionProofDocument(record.Index, record.Data, record.LeafHash, head, tree!.InclusionProof(record.Index, head.TreeSize)));
                }
                else
                {
                    pending.Add(record);
                }
            }
            return new LedgerPage(proven, pending, head, more ? records[^1].Index : null);
        }
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
    /// Brings the in-memory tree up to the stored entries visible to <paramref name="transaction"/>
    /// (or committed ones). It rebuilds from scratch when the stored log no longer extends what was
    /// loaded (a caller's transaction rolled back after it was read).
    /// </summary>
    private MerkleTree Sync(SqliteTransaction? transaction = null)
    {
        if (_tree.Size > 0)
        {
            using var last = Command(transaction, "SELECT leaf_hash FROM ledger_entries WHERE idx = $idx");
            last.Parameters.AddWithValue("$idx", _tree.Size - 1);
            if (last.ExecuteScalar() is not byte[] stored || !stored.AsSpan().SequenceEqual(_tree.LeafHash(_tree.Size - 1)))
            {
                _tree = new MerkleTree();
            }
        }
        using var read = Command(transaction, "SELECT idx, leaf_hash FROM ledger_entries WHERE idx >= $from ORDER BY idx");
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
