using Care.Trust.Identity;
using Care.Trust.Ledger;
using Npgsql;

namespace Care.Hermes.Storage.Postgres.Ledger;

/// <summary>
/// The read side of the append-only Merkle ledger on PostgreSQL (the Merkle mathematics, entries and
/// proofs are <c>Care.Trust</c>'s): its key, a mirror of the committed log's tree for proofs, and the
/// shared SQL that reads entries and heads. Entries are written only by the one sequencer
/// (<see cref="PostgresLedgerOutbox"/>, <see cref="Hermes.Ledger.LedgerSequencer"/>); every write
/// transaction of the store, the sequencer's included, first takes the writer advisory lock
/// (<see cref="WriterLock"/>). Thread safe.
/// </summary>
internal sealed class PostgresLedger : IDisposable
{
    /// <summary>The advisory lock every write transaction of the store takes first (one writer decides order).</summary>
    public const long WriterLock = 0x4361_7265_4C47;

    private readonly HybridSigningKey _key;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MerkleTree _tree = new();

    public PostgresLedger(HybridSigningKey key)
    {
        _key = key;
    }

    public HybridVerificationKey PublicKey => _key.PublicKey;

    /// <summary>The log key (the sequencer signs heads and promises with it).</summary>
    public HybridSigningKey SigningKey => _key;

    /// <summary>Takes the writer lock inside <paramref name="transaction"/> (released when it ends), waiting as long as it must; honours cancellation.</summary>
    public static async Task LockWriterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction);
        command.Parameters.AddWithValue(WriterLock);
        await command.ExecuteNonQueryAsync(cancellationToken);
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

    /// <summary>
    /// Runs <paramref name="work"/> on the tree holding at least <paramref name="size"/> entries, reading
    /// the store only when it holds fewer (a proof under a head the tree already covers costs no round trip).
    /// </summary>
    public async Task<T> WithTreeAsync<T>(NpgsqlConnection connection, long size, Func<MerkleTree, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var tree = _tree.Size >= size ? _tree : await SyncAsync(connection, cancellationToken);
            if (tree.Size < size)
            {
                throw new InvalidDataException($"the ledger holds {tree.Size} entries, fewer than the {size} a signed head covers; run care ledger verify");
            }
            return work(tree);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Extends the tree with the committed entries beyond it (entries are only ever appended, by the sequencer).</summary>
    private async Task<MerkleTree> SyncAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("SELECT idx, leaf_hash FROM ledger_entries WHERE idx >= $1 ORDER BY idx", connection);
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

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}
