using Care.Core.Ids;
using Care.Core.Observations;
using Care.Clinical.EarlyWarning;
using Care.Core.Errors;
using Care.Hermes.Access;
using Care.Trust.Bundles;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>
/// Hermes storage in one SQLite file: WAL journal, full synchronous commits, schema migrations
/// applied on open. One writer at a time (a session holds the write connection); readers use
/// pooled connections and see only committed data. Thread safe.
/// </summary>
public sealed partial class SqliteHermesStore : IHermesStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly LedgerStore _ledger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private SqliteHermesStore(string connectionString, SqliteConnection writer, LedgerStore ledger, TimeProvider time)
    {
        _connectionString = connectionString;
        _writer = writer;
        _ledger = ledger;
        _time = time;
        Devices = new SqliteDeviceDirectory(OpenReader);
    }

    /// <inheritdoc/>
    public IDeviceDirectory Devices { get; }

    /// <inheritdoc/>
    public HybridVerificationKey LedgerKey => _ledger.PublicKey!;

    /// <summary>The database file.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/>, brings its schema up to
    /// date and opens the ledger in the same file, signed with the key in <c>PATH.ledger-key</c>
    /// (created on first use, readable by the owner only).
    /// </summary>
    /// <exception cref="IOException">The file or its folder cannot be created or opened.</exception>
    public static SqliteHermesStore Open(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        time ??= TimeProvider.System;
        try
        {
            writer.Open();
            Pragmas(writer);
            SqliteMigrations.Apply(writer, time);
            var ledger = LedgerStore.Open(writer, LedgerKeyFile.LoadOrCreate(full), time);
            return new SqliteHermesStore(connectionString, writer, ledger, time) { DatabasePath = full };
        }
        catch (SqliteException e)
        {
            writer.Dispose();
            throw new IOException($"cannot open the Hermes database '{full}': {e.Message}", e);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IIngestSession> BeginIngestAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return new SqliteIngestSession(_writer, _writeLock, _ledger);
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Observation>> QueryObservationsAsync(ObservationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.sign, o.time_ms, o.value FROM observations o JOIN wearers w ON w.id = o.wearer
            WHERE w.code = $w AND ($s IS NULL OR o.sign = $s) AND o.time_ms >= $from AND o.time_ms < $to
            ORDER BY o.time_ms, o.sign LIMIT $limit
            """;
        command.Parameters.AddWithValue("$w", query.Wearer.Value);
        command.Parameters.AddWithValue("$s", query.Sign is VitalSign s ? (int)s : DBNull.Value);
        command.Parameters.AddWithValue("$from", query.From?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$to", query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        command.Parameters.AddWithValue("$limit", query.Limit);
        var result = new List<Observation>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new Observation((VitalSign)reader.GetInt32(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetDouble(2)));
        }
        return Task.FromResult<IReadOnlyList<Observation>>(result);
    }

    /// <inheritdoc/>
    public Task<long> CountObservationsAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default) =>
        Task.FromResult(CountPerWearer("observations", wearers, cancellationToken));

    /// <summary>Rows of <paramref name="table"/> (one of Hermes's per-wearer tables, never user input) for all of <paramref name="wearers"/>.</summary>
    private long CountPerWearer(string table, IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wearers);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} t JOIN wearers w ON w.id = t.wearer WHERE w.code = $w";
        var parameter = command.Parameters.Add("$w", SqliteType.Text);
        long total = 0;
        foreach (var wearer in wearers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            parameter.Value = wearer.Value;
            total += (long)command.ExecuteScalar()!;
        }
        return total;
    }

    /// <inheritdoc/>
    public Task<RiskRecord?> GetLatestRiskAsync(WearerId wearer, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.time_ms, r.total, r.level, r.parts FROM risk_scores r JOIN wearers w ON w.id = r.wearer
            WHERE w.code = $w ORDER BY r.time_ms DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$w", wearer.Value);
        using var reader = command.ExecuteReader();
        RiskRecord? risk = reader.Read()
            ? new RiskRecord(wearer.Value, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), RiskParts.Parse(reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3)))
            : null;
        return Task.FromResult(risk);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<AlertRecord>> GetAlertsAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.id, w.code, a.raised_ms, a.level, a.score, a.reason, a.acknowledged_ms, a.acknowledged_by
            FROM alerts a JOIN wearers w ON w.id = a.wearer
            WHERE a.raised_ms >= $since ORDER BY a.raised_ms DESC, a.id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$since", since?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<AlertRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(ReadAlert(reader));
        }
        return Task.FromResult<IReadOnlyList<AlertRecord>>(result);
    }

    /// <inheritdoc/>
    public async Task<AlertRecord?> AcknowledgeAlertAsync(long alertId, string tokenId, Role role, DateTimeOffset at, DateTimeOffset suppressUntil, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            int acknowledged;
            using (var ack = _writer.CreateCommand())
            {
                ack.Transaction = transaction;
                ack.CommandText = """
                    UPDATE alerts SET acknowledged_ms = $at, acknowledged_by = $by WHERE id = $id AND acknowledged_ms IS NULL;
                    UPDATE wearers SET suppress_until_ms = MAX(COALESCE(suppress_until_ms, 0), $until),
                                       suppress_level = MAX(COALESCE(suppress_level, 0), (SELECT level FROM alerts WHERE id = $id))
                    WHERE id = (SELECT wearer FROM alerts WHERE id = $id) AND changes() > 0;
                    """;
                ack.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
                ack.Parameters.AddWithValue("$by", tokenId);
                ack.Parameters.AddWithValue("$id", alertId);
                ack.Parameters.AddWithValue("$until", suppressUntil.ToUnixTimeMilliseconds());
                acknowledged = ack.ExecuteNonQuery();
            }
            AlertRecord? alert = null;
            using (var read = _writer.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = """
                    SELECT a.id, w.code, a.raised_ms, a.level, a.score, a.reason, a.acknowledged_ms, a.acknowledged_by
                    FROM alerts a JOIN wearers w ON w.id = a.wearer WHERE a.id = $id
                    """;
                read.Parameters.AddWithValue("$id", alertId);
                using var reader = read.ExecuteReader();
                if (reader.Read())
                {
                    alert = ReadAlert(reader);
                }
            }
            if (alert is not null && acknowledged > 0)
            {
                _ledger.Append(new AlertAcknowledged(tokenId, role.ToString().ToLowerInvariant(), WearerId.Parse(alert.WearerId), alert.Id, alert.Level.ToName()) { At = at }, transaction);
            }
            transaction.Commit();
            return alert;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static AlertRecord ReadAlert(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
        (Clinical.EarlyWarning.News2Level)reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5),
        reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7));

    /// <inheritdoc/>
    public Task<bool> WearerExistsAsync(WearerId wearer, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM wearers WHERE code = $w)";
        command.Parameters.AddWithValue("$w", wearer.Value);
        return Task.FromResult((long)command.ExecuteScalar()! == 1);
    }

    /// <inheritdoc/>
    public async Task AddTokenAsync(TokenRecord token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await WriteAsync("INSERT INTO tokens (id, sha256, role, created_ms, revoked_ms) VALUES ($id, $h, $r, $c, NULL)", p =>
        {
            p.AddWithValue("$id", token.Id);
            p.AddWithValue("$h", token.Sha256);
            p.AddWithValue("$r", token.Role.ToString());
            p.AddWithValue("$c", token.CreatedAt.ToUnixTimeMilliseconds());
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<TokenRecord?> FindTokenAsync(byte[] sha256, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, role, created_ms, revoked_ms FROM tokens WHERE sha256 = $h";
        command.Parameters.AddWithValue("$h", sha256);
        using var reader = command.ExecuteReader();
        TokenRecord? token = reader.Read() && Enum.TryParse<Role>(reader.GetString(1), out var role)
            ? new TokenRecord(reader.GetString(0), sha256, role, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            : null;
        return Task.FromResult(token);
    }

    /// <inheritdoc/>
    public async Task RecordAccessAsync(string tokenId, Role role, WearerId wearer, DateTimeOffset at, string action, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _ledger.Append(new RecordAccessed(tokenId, role.ToString().ToLowerInvariant(), wearer, action) { At = at });
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task RegisterDeviceAsync(string deviceId, string algorithm, byte[] publicKey, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // The trust library's registry holds the rules (hybrid only, classical-only refused with the reason).
        new DeviceRegistry().Register(deviceId, algorithm, publicKey);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var insert = _writer.CreateCommand();
            insert.CommandText = "INSERT INTO devices (id, algorithm, public_key, registered_ms) VALUES ($id, $a, $k, $t) ON CONFLICT (id) DO NOTHING";
            insert.Parameters.AddWithValue("$id", deviceId);
            insert.Parameters.AddWithValue("$a", algorithm);
            insert.Parameters.AddWithValue("$k", publicKey);
            insert.Parameters.AddWithValue("$t", at.ToUnixTimeMilliseconds());
            if (insert.ExecuteNonQuery() == 0)
            {
                throw new InvalidInputException("deviceId", $"device '{deviceId}' is already registered");
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<bool> RevokeDeviceAsync(string deviceId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var update = _writer.CreateCommand();
            update.CommandText = "UPDATE devices SET revoked_ms = COALESCE(revoked_ms, $t) WHERE id = $id";
            update.Parameters.AddWithValue("$id", deviceId);
            update.Parameters.AddWithValue("$t", at.ToUnixTimeMilliseconds());
            return update.ExecuteNonQuery() > 0;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<InclusionProofDocument>> ProveWearerAsync(WearerId wearer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _ledger.PublishTreeHead();
            return [.. _ledger.EntriesFor(wearer).Select(e => _ledger.Prove(e.Index))];
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public Task<long> ReleaseModelAsync(string name, string version, string sha256Hex, string releasedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        AppendToLedgerAsync(new ModelReleased(name, version, sha256Hex, releasedBy) { At = at }, cancellationToken);

    /// <inheritdoc/>
    public async Task<long> AppendToLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return _ledger.Append(entry);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(entry.Kind, e.Message);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<InclusionProofDocument?> ProveLatestAsync(string kind, WearerId wearer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var find = _writer.CreateCommand();
            find.CommandText = "SELECT idx FROM ledger_entries WHERE kind = $k AND wearer = $w ORDER BY idx DESC LIMIT 1";
            find.Parameters.AddWithValue("$k", kind);
            find.Parameters.AddWithValue("$w", wearer.Value);
            if (find.ExecuteScalar() is not long index)
            {
                return null;
            }
            _ledger.PublishTreeHead();
            return _ledger.Prove(index);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<InclusionProofDocument?> LatestModelAsync(string name, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var find = _writer.CreateCommand();
            find.CommandText = """
                SELECT idx FROM ledger_entries
                WHERE kind = 'ModelReleased' AND json_extract(CAST(data AS TEXT), '$.modelName') = $n
                ORDER BY idx DESC LIMIT 1
                """;
            find.Parameters.AddWithValue("$n", name);
            if (find.ExecuteScalar() is not long index)
            {
                return null;
            }
            _ledger.PublishTreeHead();
            return _ledger.Prove(index);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Signs a tree head over the whole ledger now (a no-op when the latest head is current).</summary>
    public async Task<SignedTreeHead> PublishTreeHeadAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return _ledger.PublishTreeHead();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        _ledger.Dispose();
        await _writer.DisposeAsync();
        _writeLock.Dispose();
    }

    private async Task WriteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var command = _writer.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            command.ExecuteNonQuery();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Pragmas(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // WAL lets readers work while one writer commits; FULL makes every acknowledged commit survive power loss.
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
    }
}
