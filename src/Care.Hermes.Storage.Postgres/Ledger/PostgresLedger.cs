using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Npgsql;
using NpgsqlTypes;

namespace Care.Hermes.Storage.Postgres.Ledger;

/// <summary>
/// The append-only Merkle ledger on PostgreSQL (the Merkle mathematics, entries and proofs are
/// <c>Care.Trust</c>'s). Order is decided by PostgreSQL, not by this process: every append runs in a
/// transaction that holds the store's writer advisory lock (<see cref="WriterLock"/>), so across all
/// processes on one database one writer at a time appends at the committed head, and an entry exists
/// only if its transaction commits: indexes stay gap-free and ordered. The in-memory tree mirrors the
/// committed log (plus, while a local session is open, that session's own appends); a session that
/// ends without a commit, or a commit that fails, drops the mirror and it is rebuilt from the table.
/// Thread safe.
/// </summary>
internal sealed class PostgresLedger : IDisposable
{
    /// <summary>The advisory lock every write transaction of the store takes first (one writer decides order).</summary>
    public const long WriterLock = 0x4361_7265_4C47;

    private readonly HybridSigningKey _key;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MerkleTree _tree = new();

    public PostgresLedger(HybridSigningKey key, TimeProvider time)
    {
        _key = key;
        _time = time;
    }

    public HybridVerificationKey PublicKey => _key.PublicKey;

    /// <summary>Takes the writer lock inside <paramref name="transaction"/> (released when it ends), waiting as long as it must; honours cancellation.</summary>
    public static async Task LockWriterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction);
        command.Parameters.AddWithValue(WriterLock);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Appends <paramref name="entries"/> in order inside <paramref name="transaction"/>, which must hold
    /// <see cref="WriterLock"/>; returns their indexes. Each entry commits to the root of every entry before it.
    /// </summary>
    public async Task<long[]> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var tree = await SyncAsync(connection, transaction, validate: true, cancellationToken);
            try
            {
                return await AppendLockedAsync(connection, transaction, tree, entries, cancellationToken);
            }
            catch
            {
                // Some leaves may be in the mirror but not in the table: rebuild it on next use.
                _tree = new MerkleTree();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<long[]> AppendLockedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, MerkleTree tree, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        long index = tree.Size;
        var indices = new long[entries.Count];
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (int i = 0; i < entries.Count; i++, index++)
        {
            var entry = entries[i];
            var data = entry.ToCanonicalJson(index, tree.Root(index));
            var leaf = MerkleHash.Leaf(data);
            var command = new NpgsqlBatchCommand(
                "INSERT INTO ledger_entries (idx, kind, wearer, data, leaf_hash, device_id, sequence, model_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = index });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Kind });
            command.Parameters.Add(Text(entry.Wearer?.Value));
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = data });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = leaf });
            command.Parameters.Add(Text(entry is BundleAccepted accepted ? accepted.DeviceId : null));
            command.Parameters.Add(entry is BundleAccepted b ? new NpgsqlParameter<long> { TypedValue = b.Sequence } : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = DBNull.Value });
            command.Parameters.Add(Text(entry is ModelReleased model ? model.ModelName : null));
            batch.BatchCommands.Add(command);
            tree.Append(leaf);
            indices[i] = index;
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return indices;
    }

    /// <summary>
    /// Drops the in-memory tree (rebuilt from the table on next use): after a transaction that appended
    /// ended without a commit, or with a commit whose outcome is unknown.
    /// </summary>
    public void Forget()
    {
        _gate.Wait();
        try
        {
            _tree = new MerkleTree();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Number of committed entries.</summary>
    public static async Task<long> SizeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The stored entry at <paramref name="index"/>, or null.</summary>
    public static async Task<LedgerRecord?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long index, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"{RecordColumns} WHERE idx = $1", connection, transaction);
        command.Parameters.AddWithValue(index);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRecord(reader) : null;
    }

    /// <summary>The columns <see cref="ReadRecord"/> reads.</summary>
    public const string RecordColumns = "SELECT idx, kind, wearer, data, leaf_hash FROM ledger_entries";

    /// <summary>A record from a row of <see cref="RecordColumns"/>.</summary>
    public static LedgerRecord ReadRecord(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader[3], (byte[])reader[4]);

    /// <summary>Signs and stores a head over the committed log (the existing one when nothing was appended since); <paramref name="minInterval"/> null signs regardless of age.</summary>
    public async Task<SignedTreeHead?> PublishAsync(NpgsqlDataSource data, TimeSpan? minInterval, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        if (minInterval is TimeSpan interval)
        {
            // Cheap check without the writer lock first: most timer ticks find nothing due.
            var current = await LatestHeadAsync(connection, null, cancellationToken);
            long size = await SizeAsync(connection, null, cancellationToken);
            if (!Due(current, size, interval))
            {
                return null;
            }
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockWriterAsync(connection, transaction, cancellationToken);
        var latest = await LatestHeadAsync(connection, transaction, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        SignedTreeHead head;
        try
        {
            var tree = await SyncAsync(connection, transaction, validate: true, cancellationToken);
            if (minInterval is TimeSpan again && !Due(latest, tree.Size, again))
            {
                return null;
            }
            if (latest is not null && latest.TreeSize == tree.Size)
            {
                return latest;
            }
            // A head never goes back in time, even if the clock does: witnesses read time order as size order.
            var now = _time.GetUtcNow();
            head = SignedTreeHead.Sign(_key, tree.Size, tree.Root(tree.Size), latest is not null && now < latest.Timestamp ? latest.Timestamp : now);
        }
        finally
        {
            _gate.Release();
        }
        await using (var insert = new NpgsqlCommand("INSERT INTO ledger_tree_heads (tree_size, root, timestamp_ms, key_id, signature) VALUES ($1, $2, $3, $4, $5)", connection, transaction))
        {
            insert.Parameters.AddWithValue(head.TreeSize);
            insert.Parameters.AddWithValue(head.RootHash);
            insert.Parameters.AddWithValue(head.Timestamp.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue(head.KeyId);
            insert.Parameters.AddWithValue(head.Signature);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return head;
    }

    private bool Due(SignedTreeHead? latest, long size, TimeSpan minInterval) =>
        size != (latest?.TreeSize ?? 0) && (latest is null || _time.GetUtcNow() - latest.Timestamp >= minInterval);

    /// <summary>The newest signed head, or null.</summary>
    public static async Task<SignedTreeHead?> LatestHeadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var heads = await ReadHeadsAsync(connection, transaction, "ORDER BY tree_size DESC LIMIT 1", cancellationToken);
        return heads.Count == 1 ? heads[0] : null;
    }

    /// <summary>Signed heads in the given order (a fixed clause, never input).</summary>
    public static async Task<List<SignedTreeHead>> ReadHeadsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string orderAndLimit, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand($"SELECT tree_size, root, timestamp_ms, key_id, signature FROM ledger_tree_heads {orderAndLimit}", connection, transaction);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var heads = new List<SignedTreeHead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            heads.Add(new SignedTreeHead(reader.GetInt64(0), (byte[])reader[1], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3), (byte[])reader[4]));
        }
        return heads;
    }

    /// <summary>Runs <paramref name="work"/> on the tree brought up to at least the committed log visible to <paramref name="connection"/>.</summary>
    public async Task<T> WithTreeAsync<T>(NpgsqlConnection connection, Func<MerkleTree, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return work(await SyncAsync(connection, null, validate: false, cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Extends the tree with the stored entries beyond it. A writer (holding the writer lock) also
    /// validates that the tree's last leaf is stored, and rebuilds when it is not; a reader never does
    /// (a local session's uncommitted leaves are invisible to it but belong in the tree).
    /// </summary>
    private async Task<MerkleTree> SyncAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool validate, CancellationToken cancellationToken)
    {
        if (validate && _tree.Size > 0)
        {
            await using var last = new NpgsqlCommand("SELECT leaf_hash FROM ledger_entries WHERE idx = $1", connection, transaction);
            last.Parameters.AddWithValue(_tree.Size - 1);
            if (await last.ExecuteScalarAsync(cancellationToken) is not byte[] stored || !stored.AsSpan().SequenceEqual(_tree.LeafHash(_tree.Size - 1)))
            {
                _tree = new MerkleTree();
            }
        }
        await using var read = new NpgsqlCommand("SELECT idx, leaf_hash FROM ledger_entries WHERE idx >= $1 ORDER BY idx", connection, transaction);
        read.Parameters.AddWithValue(_tree.Size);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            long index = reader.GetInt64(0);
            if (index != _tree.Size)
            {
                throw new InvalidDataException($"ledger entry {_tree.Size} is missing (next stored entry is {index}); run care ledger verify");
            }
            _tree.Append((byte[])reader[1]);
        }
        return _tree;
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}
