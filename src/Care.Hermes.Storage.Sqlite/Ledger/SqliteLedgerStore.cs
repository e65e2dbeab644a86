using Care.Core.Errors;
using Care.Core.Ids;
using Care.Trust.Identity;
using Care.Hermes.Storage.Sqlite.Migrations;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite.Ledger;

/// <summary>
/// The append-only Merkle ledger on SQLite (the Merkle mathematics, entries and proofs are
/// <c>Care.Trust</c>'s; this class holds only their storage). It lives in its own <c>ledger_*</c> tables and can share
/// a database file (and a transaction) with other tables, so an act and its entry commit together.
/// Entries are durable once their transaction commits (WAL, synchronous=FULL when the store opens
/// the file itself). Tree heads are signed with the hybrid log key. Thread safe: every method locks;
/// a caller that shares the connection must not use it from another thread at the same time.
/// </summary>
public sealed partial class SqliteLedgerStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly bool _ownsConnection;
    private readonly HybridSigningKey? _key;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private MerkleTree _tree = new();

    private SqliteLedgerStore(SqliteConnection connection, bool ownsConnection, HybridSigningKey? key, TimeProvider time)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _key = key;
        _time = time;
        SqliteMigrationRunner.Apply(connection, MigrationTrack.Ledger, time);
    }

    /// <summary>The public key that signs this log's tree heads, or null when opened without the signing key.</summary>
    public HybridVerificationKey? PublicKey => _key?.PublicKey;

    /// <summary>The connection the store uses (for callers that share its transactions).</summary>
    public SqliteConnection Connection => _connection;

    /// <summary>
    /// Opens (creating if needed) the ledger in the SQLite file <paramref name="databasePath"/>, with
    /// its signing key from <see cref="LedgerKeyFile"/> beside it (created on first use). Throws
    /// <see cref="InvalidInputException"/> when the key file is unusable or is not the key that
    /// signed the log's tree heads.
    /// </summary>
    public static SqliteLedgerStore OpenFile(string databasePath, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        var key = LedgerKeyFile.LoadOrCreate(databasePath);
        var store = Open(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString(), key, time);
        if (store.LatestTreeHead() is { } head && head.KeyId != key.PublicKey.KeyId)
        {
            store.Dispose();
            throw new InvalidInputException(LedgerKeyFile.PrivatePath(databasePath), $"this key ({key.PublicKey.KeyId}) did not sign the log's tree heads (signed by {head.KeyId}); restore the log's key file");
        }
        return store;
    }

    /// <summary>
    /// Opens a connection from <paramref name="connectionString"/> that the store owns, sets WAL and
    /// synchronous=FULL, and applies the ledger schema. <paramref name="signingKey"/> may be null for a
    /// read-and-append store that cannot sign tree heads.
    /// </summary>
    public static SqliteLedgerStore Open(string connectionString, HybridSigningKey? signingKey, TimeProvider? time = null)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        try
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
            pragma.ExecuteNonQuery();
            return new SqliteLedgerStore(connection, ownsConnection: true, signingKey, time ?? TimeProvider.System);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Uses the caller's open <paramref name="connection"/> (not disposed by the store; its pragmas
    /// are the caller's choice) and applies the ledger schema.
    /// </summary>
    public static SqliteLedgerStore Open(SqliteConnection connection, HybridSigningKey? signingKey, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            throw new ArgumentException("the connection must be open", nameof(connection));
        }
        return new SqliteLedgerStore(connection, ownsConnection: false, signingKey, time ?? TimeProvider.System);
    }

    /// <summary>
    /// Appends one entry and returns its 0-based index. With <paramref name="transaction"/> the entry
    /// joins the caller's transaction and exists only if the caller commits; without one it is
    /// committed before this returns. The entry commits to the root of every entry before it
    /// (<see cref="LedgerEntry.PreviousRootField"/>). Throws <see cref="ArgumentException"/> for an invalid entry.
    /// </summary>
    public long Append(LedgerEntry entry, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return AppendBatch([entry], transaction)[0];
    }

    /// <summary>
    /// Appends entries in order in one transaction (the caller's, or a new one committed before
    /// return) and returns their indices. All or none are stored.
    /// </summary>
    public IReadOnlyList<long> AppendBatch(IReadOnlyList<LedgerEntry> entries, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            var own = transaction is null ? _connection.BeginTransaction(deferred: false) : null;
            var tx = transaction ?? own!;
            try
            {
                // The in-memory tree is the log as this connection sees it (the caller's open
                // transaction included): each entry commits to the root of every entry before it.
                var tree = Sync(tx);
                var index = tree.Size;
                using var insert = Command(tx, "INSERT INTO ledger_entries (idx, kind, wearer, data, leaf_hash) VALUES ($idx, $kind, $wearer, $data, $leaf)");
                var pIdx = insert.Parameters.Add("$idx", SqliteType.Integer);
                var pKind = insert.Parameters.Add("$kind", SqliteType.Text);
                var pWearer = insert.Parameters.Add("$wearer", SqliteType.Text);
                var pData = insert.Parameters.Add("$data", SqliteType.Blob);
                var pLeaf = insert.Parameters.Add("$leaf", SqliteType.Blob);
                insert.Prepare();
                var indices = new long[entries.Count];
                for (var i = 0; i < entries.Count; i++, index++)
                {
                    var data = entries[i].ToCanonicalJson(index, tree.Root(index));
                    pIdx.Value = index;
                    pKind.Value = entries[i].Kind;
                    pWearer.Value = entries[i].Wearer is { } w ? w.Value : DBNull.Value;
                    pData.Value = data;
                    pLeaf.Value = MerkleHash.Leaf(data);
                    insert.ExecuteNonQuery();
                    tree.Append((byte[])pLeaf.Value);
                    indices[i] = index;
                }
                own?.Commit();
                return indices;
            }
            finally
            {
                own?.Dispose();
            }
        }
    }

    /// <summary>Number of entries committed (or visible in the caller's open transaction).</summary>
    public long Size
    {
        get
        {
            lock (_gate)
            {
                return Sync().Size;
            }
        }
    }

    /// <summary>The RFC 9162 root of the first <paramref name="treeSize"/> entries (0 ≤ treeSize ≤ <see cref="Size"/>).</summary>
    public byte[] Root(long treeSize)
    {
        lock (_gate)
        {
            return Sync().Root(treeSize);
        }
    }

    /// <summary>The stored entry at <paramref name="index"/>; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    public LedgerRecord Read(long index)
    {
        lock (_gate)
        {
            using var read = Command(null, "SELECT idx, kind, wearer, data, leaf_hash FROM ledger_entries WHERE idx = $idx");
            read.Parameters.AddWithValue("$idx", index);
            using var reader = read.ExecuteReader();
            return reader.Read() ? ReadRecord(reader) : throw new KeyNotFoundException($"ledger entry {index} does not exist");
        }
    }

    /// <summary>Every entry about <paramref name="wearer"/>, in log order.</summary>
    public IReadOnlyList<LedgerRecord> EntriesFor(WearerId wearer)
    {
        lock (_gate)
        {
            using var read = Command(null, "SELECT idx, kind, wearer, data, leaf_hash FROM ledger_entries WHERE wearer = $w ORDER BY idx");
            read.Parameters.AddWithValue("$w", wearer.Value);
            using var reader = read.ExecuteReader();
            var records = new List<LedgerRecord>();
            while (reader.Read())
            {
                records.Add(ReadRecord(reader));
            }
            return records;
        }
    }

    /// <summary>The inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> entries.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long treeSize)
    {
        lock (_gate)
        {
            return Sync().InclusionProof(index, treeSize);
        }
    }

    /// <summary>The consistency proof from <paramref name="size1"/> to <paramref name="size2"/> entries (1 ≤ size1 ≤ size2 ≤ <see cref="Size"/>).</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long size1, long size2)
    {
        lock (_gate)
        {
            return Sync().ConsistencyProof(size1, size2);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    internal static LedgerRecord ReadRecord(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader[3], (byte[])reader[4]);

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
