using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Ledger;
using Care.Hermes.Storage.Postgres.Ledger;
using Care.Hermes.Storage.Postgres.Migrations;
using Care.Trust.Bundles;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>
/// Hermes storage on PostgreSQL. Readers use pooled connections and see committed data only; every
/// write runs in a PostgreSQL transaction that first takes the store's writer advisory lock, so writes
/// from every process on the database are serialised by PostgreSQL (no process-wide lock). Acts write
/// their ledger entries to the outbox in their own transaction; the one <see cref="LedgerSequencer"/>
/// gives them gap-free, ordered indexes (<see cref="ILedgerOutboxStore"/>). Observations go to monthly range partitions created on
/// demand and are loaded with binary <c>COPY</c>. Thread safe; disposal is idempotent.
/// </summary>
public sealed partial class PostgresHermesStore : IHermesStore
{
    private readonly NpgsqlDataSource _data;
    private readonly PostgresLedger _ledger;
    private readonly ObservationPartitions _partitions;
    private readonly TimeProvider _time;
    private int _disposed;

    private PostgresHermesStore(NpgsqlDataSource data, PostgresLedger ledger, ObservationPartitions partitions, string name, TimeProvider time)
    {
        _data = data;
        _ledger = ledger;
        _partitions = partitions;
        _time = time;
        Name = name;
        Devices = new PostgresDeviceDirectory(data);
        Sequencer = new LedgerSequencer(this, ledger.SigningKey, time);
    }

    /// <summary>The database as messages name it (host, port, database; never a password).</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public IDeviceDirectory Devices { get; }

    /// <inheritdoc/>
    public HybridVerificationKey LedgerKey => _ledger.PublicKey;

    /// <summary>The pooled data source (for the content reader and tests).</summary>
    internal NpgsqlDataSource DataSource => _data;

    /// <summary>A verifier's reader over this store's ledger tables.</summary>
    public Trust.Ledger.ILedgerReader LedgerReader => new PostgresLedgerReader(_data);

    /// <summary>Every stored bundle rebuilt from its rows, for <see cref="global::Care.Hermes.Ledger.ContentAudit"/>.</summary>
    public IStoredContentReader ContentReader => new PostgresContentReader(_data);

    /// <summary>
    /// Connects to <paramref name="connectionString"/>, brings both schema tracks up to date and loads
    /// the ledger's signing key from <c><paramref name="keyPath"/>.ledger-key</c> (created on first use).
    /// </summary>
    /// <exception cref="IOException">The server cannot be reached, refuses the login, holds a newer or damaged schema, or the key file is unusable (message names the database and the cause).</exception>
    public static PostgresHermesStore Open(string connectionString, string keyPath, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPath);
        time ??= TimeProvider.System;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new IOException($"cannot use the PostgreSQL connection string: {e.Message}", e);
        }
        string name = Describe(builder);
        var data = NpgsqlDataSource.Create(builder);
        try
        {
            using (var connection = data.OpenConnection())
            {
                PostgresMigrationRunner.Apply(connection, PostgresMigrationTrack.Ledger, time);
                PostgresMigrationRunner.Apply(connection, PostgresMigrationTrack.Hermes, time);
            }
            var partitions = ObservationPartitions.Load(data);
            string full = Path.GetFullPath(keyPath);
            Core.Storage.OwnerOnly.CreateFolder(Path.GetDirectoryName(full)!);
            var ledger = new PostgresLedger(LedgerKeyFile.LoadOrCreate(full));
            return new PostgresHermesStore(data, ledger, partitions, name, time);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            data.Dispose();
            throw new IOException($"cannot open the Hermes database {name}: {Cause(e)}", e);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>The server and database a connection string names, for messages (never its password); the string itself when it cannot be read.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            return Describe(new NpgsqlConnectionStringBuilder(connectionString));
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (unreadable connection string)";
        }
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}";

    /// <summary>A one-line cause without exception type names.</summary>
    internal static string Cause(Exception e) => e switch
    {
        PostgresException p => $"{p.MessageText} (SQLSTATE {p.SqlState})",
        NpgsqlException { InnerException: { } inner } when inner is not NpgsqlException => $"{e.Message.TrimEnd('.')}: {inner.Message}",
        _ => e.Message,
    };

    /// <inheritdoc/>
    public async ValueTask<IIngestSession> BeginIngestAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _data.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            await PostgresLedger.LockWriterAsync(connection, transaction, cancellationToken);
            return new PostgresIngestSession(connection, transaction, _partitions, _time);
        }
        catch
        {
            if (transaction is not null)
            {
                await SafeDisposeAsync(transaction);
            }
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Disposes <paramref name="transaction"/>, ignoring a connection already broken (the server rolled it back).</summary>
    internal static async ValueTask SafeDisposeAsync(NpgsqlTransaction transaction)
    {
        try
        {
            await transaction.DisposeAsync();
        }
        catch (NpgsqlException)
        {
            // The connection broke: the server has rolled the transaction back already.
        }
    }

    /// <inheritdoc/>
    public async Task<StoredBundle?> FindSealedAsync(byte[] sealedSha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sealedSha256);
        await using var command = _data.CreateCommand("SELECT uid, content_sha256, observation_count FROM bundles WHERE sealed_sha256 = $1");
        command.Parameters.AddWithValue(sealedSha256);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredBundle(reader.GetGuid(0), (byte[])reader[1], reader.GetInt32(2)) : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Observation>> QueryObservationsAsync(ObservationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        await using var command = _data.CreateCommand("""
            SELECT o.sign, o.time_ms, o.value FROM observations o JOIN wearers w ON w.id = o.wearer
            WHERE w.code = $1 AND ($2::smallint IS NULL OR o.sign = $2) AND o.time_ms >= $3 AND o.time_ms < $4
            ORDER BY o.time_ms, o.sign LIMIT $5
            """);
        command.Parameters.AddWithValue(query.Wearer.Value);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Smallint, Value = query.Sign is VitalSign s ? (short)s : DBNull.Value });
        command.Parameters.AddWithValue(query.From?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue(query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        command.Parameters.AddWithValue((long)query.Limit);
        var result = new List<Observation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Observation((VitalSign)reader.GetInt16(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetDouble(2)));
        }
        return result;
    }

    /// <inheritdoc/>
    public Task<long> CountObservationsAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default) =>
        CountPerWearerAsync("observations", wearers, cancellationToken);

    /// <summary>Rows of <paramref name="table"/> (one of Hermes's per-wearer tables, never user input) for all of <paramref name="wearers"/>.</summary>
    private async Task<long> CountPerWearerAsync(string table, IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wearers);
        await using var command = _data.CreateCommand($"SELECT COUNT(*) FROM {table} t JOIN wearers w ON w.id = t.wearer WHERE w.code = ANY($1)");
        command.Parameters.AddWithValue(wearers.Select(w => w.Value).Distinct().ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc/>
    public async Task<RiskRecord?> GetLatestRiskAsync(WearerId wearer, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("""
            SELECT r.time_ms, r.total, r.level, r.parts FROM risk_scores r JOIN wearers w ON w.id = r.wearer
            WHERE w.code = $1 ORDER BY r.time_ms DESC LIMIT 1
            """);
        command.Parameters.AddWithValue(wearer.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RiskRecord(wearer.Value, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), RiskParts.Parse(reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3)))
            : null;
    }

    /// <inheritdoc/>
    public async Task<ModelRiskRecord?> GetLatestModelRiskAsync(WearerId wearer, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("""
            SELECT r.time_ms, r.hour, r.inputs, r.measured, r.score, r.level, r.probability, r.probability_low, r.probability_high, r.contributions
            FROM model_risks r JOIN wearers w ON w.id = r.wearer
            WHERE w.code = $1 ORDER BY r.time_ms DESC LIMIT 1
            """);
        command.Parameters.AddWithValue(wearer.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ModelRiskRecord(
                wearer.Value, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetInt32(1), ModelRiskCodec.Inputs((byte[])reader[2]),
                reader.GetBoolean(3), reader.GetInt32(4), reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8),
                (Clinical.Sepsis.SepsisRiskLevel)reader.GetInt32(5), ModelRiskCodec.Contributions(reader.GetString(9)))
            : null;
    }

    /// <summary>The columns <see cref="ReadAlert"/> reads, from <c>alerts a JOIN wearers w</c>.</summary>
    internal const string AlertColumns = """
        SELECT a.id, w.code, a.raised_ms, a.level, a.score, a.reason, a.acknowledged_ms, a.acknowledged_by, a.kind, a.details
        FROM alerts a JOIN wearers w ON w.id = a.wearer
        """;

    /// <inheritdoc/>
    public async Task<AlertRecord?> GetAlertAsync(long alertId, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand($"{AlertColumns} WHERE a.id = $1");
        command.Parameters.AddWithValue(alertId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadAlert(reader) : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertRecord>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        // Every filter is in SQL, before the limit: kind=news2&limit=1 finds the newest NEWS2 alert.
        await using var command = _data.CreateCommand($"""
            {AlertColumns}
            WHERE a.raised_ms >= $1 AND a.level >= $2 AND ($3::integer IS NULL OR a.kind = $3) AND ($4::text[] IS NULL OR w.code = ANY($4))
            ORDER BY a.raised_ms DESC, a.id DESC LIMIT $5
            """);
        command.Parameters.AddWithValue(query.Since?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue((int)query.MinLevel);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = query.Kind is Alerts.AlertKind k ? (int)k : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
            Value = query.Wearers is null ? DBNull.Value : query.Wearers.Select(w => w.Value).ToArray(),
        });
        command.Parameters.AddWithValue((long)query.Limit);
        var result = new List<AlertRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadAlert(reader));
        }
        return result;
    }

    internal static AlertRecord ReadAlert(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
        (Clinical.EarlyWarning.News2Level)reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5),
        reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7))
    {
        Kind = (Alerts.AlertKind)reader.GetInt32(8),
        Explanation = reader.IsDBNull(9) ? null : ModelRiskCodec.Explanation(reader.GetString(9)),
    };

    /// <inheritdoc/>
    public async Task<bool> WearerExistsAsync(WearerId wearer, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("SELECT EXISTS (SELECT 1 FROM wearers WHERE code = $1)");
        command.Parameters.AddWithValue(wearer.Value);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc/>
    public async Task<string?> ReadinessProblemAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = _data.CreateCommand("SELECT (SELECT COUNT(*) FROM schema_migrations) + (SELECT COUNT(*) FROM ledger_entries WHERE idx < 0)");
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (NpgsqlException e)
        {
            return $"the database does not answer: {Cause(e)}";
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            // A clean stop leaves nothing pending that this process could include, and frees the lease.
            await Sequencer.SequenceOrLeaveAsync();
            await Sequencer.ReleaseAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException or TimeoutException)
        {
            // The entries stay in the outbox; the next sequencer includes them.
        }
        _ledger.Dispose();
        await _data.DisposeAsync();
    }

    /// <summary>Runs <paramref name="work"/> in one transaction holding the writer lock, committed when it returns (rolled back when it throws).</summary>
    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await PostgresLedger.LockWriterAsync(connection, transaction, cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            await SafeDisposeAsync(transaction);
        }
    }
}
