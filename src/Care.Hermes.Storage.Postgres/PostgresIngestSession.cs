using Care.Clinical.EarlyWarning;
using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Alerts;
using Care.Hermes.Storage.Postgres.Ledger;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Npgsql;
using NpgsqlTypes;

namespace Care.Hermes.Storage.Postgres;

/// <summary>
/// One write transaction on its own pooled connection, holding the writer advisory lock from the
/// start (so sessions from every process are serialised by PostgreSQL). Disposing without a commit
/// rolls back; a connection lost mid-session (server restart) leaves nothing, since the server rolls
/// the transaction back (ledger entries included: they are in the outbox, in the same transaction). Not thread safe.
/// </summary>
internal sealed class PostgresIngestSession : IIngestSession
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly ObservationPartitions _partitions;
    private readonly TimeProvider _time;
    private readonly List<long> _newPartitions = [];
    private readonly Dictionary<string, long> _wearerKeys = new(StringComparer.Ordinal);
    private bool _disposed;

    public PostgresIngestSession(NpgsqlConnection connection, NpgsqlTransaction transaction, ObservationPartitions partitions, TimeProvider time)
    {
        _connection = connection;
        _transaction = transaction;
        _partitions = partitions;
        _time = time;
    }

    /// <summary>The server process serving this session (tests end it to simulate a server restart mid-ingest).</summary>
    internal int ServerProcessId => _connection.ProcessID;

    public async ValueTask<long?> LastSequenceAsync(string deviceId)
    {
        // One statement, one snapshot: in the log or still in the outbox (GREATEST skips nulls).
        await using var read = Command("""
            SELECT GREATEST(
                (SELECT MAX(sequence) FROM ledger_entries WHERE kind = 'BundleAccepted' AND device_id = $1),
                (SELECT MAX(sequence) FROM ledger_outbox WHERE kind = 'BundleAccepted' AND device_id = $1))
            """);
        read.Parameters.AddWithValue(deviceId);
        return await read.ExecuteScalarAsync() is long last ? last : null;
    }

    public async ValueTask<AlertRecord?> FindAlertAsync(long alertId)
    {
        await using var read = Command($"{PostgresHermesStore.AlertColumns} WHERE a.id = $1");
        read.Parameters.AddWithValue(alertId);
        await using var reader = await read.ExecuteReaderAsync();
        return await reader.ReadAsync() ? PostgresHermesStore.ReadAlert(reader) : null;
    }

    public async ValueTask<bool> MarkAlertAcknowledgedAsync(long alertId, string tokenId, DateTimeOffset at)
    {
        await using var ack = Command("UPDATE alerts SET acknowledged_ms = $1, acknowledged_by = $2 WHERE id = $3 AND acknowledged_ms IS NULL");
        ack.Parameters.AddWithValue(at.ToUnixTimeMilliseconds());
        ack.Parameters.AddWithValue(tokenId);
        ack.Parameters.AddWithValue(alertId);
        return await ack.ExecuteNonQueryAsync() > 0;
    }

    public async ValueTask SetSuppressionAsync(WearerId wearer, AlertKind kind, DateTimeOffset until, News2Level level)
    {
        // Fixed column names per kind (never input): NEWS2 and the model keep separate windows.
        var (untilColumn, levelColumn) = kind switch
        {
            AlertKind.News2 => ("suppress_until_ms", "suppress_level"),
            AlertKind.SepsisModel => ("model_suppress_until_ms", "model_suppress_level"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no suppression window for this alert kind"),
        };
        await using var update = Command($"UPDATE wearers SET {untilColumn} = $1, {levelColumn} = $2 WHERE code = $3");
        update.Parameters.AddWithValue(until.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue((int)level);
        update.Parameters.AddWithValue(wearer.Value);
        await update.ExecuteNonQueryAsync();
    }

    public async ValueTask<LedgerRecord?> LatestLedgerEntryAsync(string kind, WearerId wearer)
    {
        // A pending entry is newer than every entry in the log: the outbox first.
        await using (var pending = Command("SELECT kind, wearer, promised FROM ledger_outbox WHERE kind = $1 AND wearer = $2 ORDER BY id DESC LIMIT 1"))
        {
            pending.Parameters.AddWithValue(kind);
            pending.Parameters.AddWithValue(wearer.Value);
            await using var row = await pending.ExecuteReaderAsync();
            if (await row.ReadAsync())
            {
                var promised = (byte[])row[2];
                return new LedgerRecord(-1, row.GetString(0), row.GetString(1), promised, MerkleHash.Leaf(promised));
            }
        }
        await using var find = Command($"{PostgresLedger.RecordColumns} WHERE kind = $1 AND wearer = $2 ORDER BY idx DESC LIMIT 1");
        find.Parameters.AddWithValue(kind);
        find.Parameters.AddWithValue(wearer.Value);
        await using var reader = await find.ExecuteReaderAsync();
        return await reader.ReadAsync() ? PostgresLedger.ReadRecord(reader) : null;
    }

    public async ValueTask<StoredBundle?> FindSealedAsync(byte[] sealedSha256)
    {
        await using var command = Command("SELECT uid, content_sha256, observation_count FROM bundles WHERE sealed_sha256 = $1");
        command.Parameters.AddWithValue(sealedSha256);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredBundle(reader.GetGuid(0), (byte[])reader[1], reader.GetInt32(2)) : null;
    }

    public async ValueTask<long> AppendLedgerAsync(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (await PostgresLedgerOutbox.EnqueueAsync(_connection, _transaction, [entry], _time.GetUtcNow(), CancellationToken.None))[0];
    }

    public async ValueTask<StoredBundle?> FindBundleAsync(Guid bundleId)
    {
        await using var command = Command("SELECT content_sha256, observation_count FROM bundles WHERE uid = $1");
        command.Parameters.AddWithValue(bundleId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredBundle(bundleId, (byte[])reader[0], reader.GetInt32(1)) : null;
    }

    public async ValueTask<WearerIngestState> GetWearerAsync(WearerId wearer)
    {
        await using var command = Command("""
            SELECT last_observation_ms, risk_state, suppress_until_ms, suppress_level, model_risk_state, model_suppress_until_ms, model_suppress_level
            FROM wearers WHERE code = $1
            """);
        command.Parameters.AddWithValue(wearer.Value);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new WearerIngestState(
                Time(reader, 0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                Time(reader, 2),
                reader.IsDBNull(3) ? default : (News2Level)reader.GetInt32(3))
            {
                ModelRiskStateJson = reader.IsDBNull(4) ? null : reader.GetString(4),
                ModelSuppressUntil = Time(reader, 5),
                ModelSuppressLevel = reader.IsDBNull(6) ? default : (News2Level)reader.GetInt32(6),
            }
            : new WearerIngestState(null, null);
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));

    public async ValueTask<(int Stored, IReadOnlyList<IReadOnlyList<float>> Last)> GetModelRiskInputsAsync(WearerId wearer, int lastHours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastHours);
        int stored;
        await using (var count = Command("SELECT COUNT(*) FROM model_risks r JOIN wearers w ON w.id = r.wearer WHERE w.code = $1"))
        {
            count.Parameters.AddWithValue(wearer.Value);
            stored = (int)(long)(await count.ExecuteScalarAsync())!;
        }
        await using var command = Command("SELECT r.inputs FROM model_risks r JOIN wearers w ON w.id = r.wearer WHERE w.code = $1 ORDER BY r.time_ms DESC LIMIT $2");
        command.Parameters.AddWithValue(wearer.Value);
        command.Parameters.AddWithValue((long)lastHours);
        var rows = new List<IReadOnlyList<float>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(ModelRiskCodec.Inputs((byte[])reader[0]));
        }
        rows.Reverse();
        return (stored, rows);
    }

    public async ValueTask<IReadOnlyList<(Clinical.Sepsis.SepsisRiskLevel Level, double Probability)>> GetRecentModelRisksAsync(WearerId wearer, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        await using var command = Command("""
            SELECT r.level, r.probability FROM model_risks r JOIN wearers w ON w.id = r.wearer
            WHERE w.code = $1 ORDER BY r.time_ms DESC LIMIT $2
            """);
        command.Parameters.AddWithValue(wearer.Value);
        command.Parameters.AddWithValue((long)hours);
        var rows = new List<(Clinical.Sepsis.SepsisRiskLevel, double)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(((Clinical.Sepsis.SepsisRiskLevel)reader.GetInt32(0), reader.GetDouble(1)));
        }
        rows.Reverse();
        return rows;
    }

    public async ValueTask StoreModelRiskAsync(WearerId wearer, string modelRiskStateJson, IReadOnlyList<ModelRiskRecord> risks)
    {
        long wearerKey = await WearerKeyAsync(wearer);
        await using var batch = new NpgsqlBatch(_connection, _transaction);
        var update = new NpgsqlBatchCommand("UPDATE wearers SET model_risk_state = $1 WHERE id = $2");
        update.Parameters.AddWithValue(modelRiskStateJson);
        update.Parameters.AddWithValue(wearerKey);
        batch.BatchCommands.Add(update);
        foreach (var risk in risks)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO model_risks (wearer, time_ms, hour, inputs, measured, score, level, probability, probability_low, probability_high, contributions)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """);
            insert.Parameters.AddWithValue(wearerKey);
            insert.Parameters.AddWithValue(risk.Time.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue(risk.Hour);
            insert.Parameters.AddWithValue(ModelRiskCodec.Inputs(risk.Inputs));
            insert.Parameters.AddWithValue(risk.Measured);
            insert.Parameters.AddWithValue(risk.Score);
            insert.Parameters.AddWithValue((int)risk.Level);
            insert.Parameters.AddWithValue(risk.Probability);
            insert.Parameters.AddWithValue(risk.ProbabilityLow);
            insert.Parameters.AddWithValue(risk.ProbabilityHigh);
            insert.Parameters.AddWithValue(ModelRiskCodec.Contributions(risk.Contributions));
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync();
    }

    public async ValueTask<long> AddBundleAsync(Bundle bundle, byte[] contentSha256, byte[] sealedSha256, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        long wearerKey = await WearerKeyAsync(bundle.WearerId);
        long bundleKey;
        await using (var insert = Command("""
            INSERT INTO bundles (uid, wearer, patch, created_ms, received_ms, observation_count, content_sha256, sealed_sha256)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
            """))
        {
            insert.Parameters.AddWithValue(bundle.BundleId);
            insert.Parameters.AddWithValue(wearerKey);
            insert.Parameters.AddWithValue(bundle.PatchId.Value);
            insert.Parameters.AddWithValue(bundle.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue(receivedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue(bundle.Observations.Count);
            insert.Parameters.AddWithValue(contentSha256);
            insert.Parameters.AddWithValue(sealedSha256);
            bundleKey = (long)(await insert.ExecuteScalarAsync())!;
        }
        await InsertObservationsAsync(wearerKey, bundleKey, bundle.Observations);
        await using var batch = new NpgsqlBatch(_connection, _transaction);
        AddDoses(batch, wearerKey, bundleKey, bundle.Doses);
        AddEvents(batch, wearerKey, bundleKey, bundle.Events);
        // GREATEST ignores NULLs: a watermark only moves forward, and a bundle without doses keeps the dose watermark.
        var watermarks = new NpgsqlBatchCommand("UPDATE devices SET last_observation_ms = GREATEST(last_observation_ms, $2), last_dose_ms = GREATEST(last_dose_ms, $3) WHERE id = $1");
        watermarks.Parameters.AddWithValue(bundle.PatchId.Value);
        watermarks.Parameters.Add(Bigint(bundle.Observations.Count > 0 ? bundle.Observations.Max(o => o.Time).ToUnixTimeMilliseconds() : null));
        watermarks.Parameters.Add(Bigint(bundle.Doses.Count > 0 ? bundle.Doses[^1].Time.ToUnixTimeMilliseconds() : null));
        batch.BatchCommands.Add(watermarks);
        await batch.ExecuteNonQueryAsync();
        return bundleKey;
    }

    /// <summary>
    /// The hot loop of ingest: the bundle's observations in one binary <c>COPY</c> (no per-row SQL),
    /// after creating in this transaction any monthly partition they need that does not exist yet.
    /// </summary>
    private async Task InsertObservationsAsync(long wearerKey, long bundleKey, IReadOnlyList<Observation> observations)
    {
        if (observations.Count == 0)
        {
            return;
        }
        long first = long.MaxValue, last = long.MinValue;
        foreach (var o in observations)
        {
            long t = o.Time.ToUnixTimeMilliseconds();
            first = Math.Min(first, t);
            last = Math.Max(last, t);
        }
        foreach (long month in _partitions.Missing(first, last))
        {
            await ObservationPartitions.CreateAsync(_connection, _transaction, month);
            _newPartitions.Add(month);
        }
        var order = PrimaryKeyOrder(observations, first, last);
        await using var copy = await _connection.BeginBinaryImportAsync("COPY observations (wearer, sign, time_ms, value, bundle) FROM STDIN (FORMAT BINARY)");
        // Synchronous writes: they fill Npgsql's buffer and only touch the socket when it is full,
        // so the per-value cost of an awaited call is not worth paying in this loop.
        foreach (int i in order)
        {
            var o = observations[i];
            copy.StartRow();
            copy.Write(wearerKey, NpgsqlDbType.Bigint);
            copy.Write((short)o.Sign, NpgsqlDbType.Smallint);
            copy.Write(o.Time.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
            copy.Write(o.Value, NpgsqlDbType.Double);
            copy.Write(bundleKey, NpgsqlDbType.Bigint);
        }
        await copy.CompleteAsync();
    }

    /// <summary>
    /// The bundle's rows in primary-key order (sign, then time; the wearer and bundle are the same for
    /// all): a patch writes its signs interleaved in time, and rows copied in that order land on the
    /// key index at seven interleaved points, splitting its pages half full (measured 85 index bytes per
    /// row against 68 of table, docs/benchmarks.md). In key order each sign's run appends to one place.
    /// Only the physical layout changes: the same rows are stored.
    /// </summary>
    private static int[] PrimaryKeyOrder(IReadOnlyList<Observation> observations, long firstMs, long lastMs)
    {
        var order = new int[observations.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        // One 63-bit key per row, sign above the time offset; a bundle spanning 2^47 ms (4,000 years) keeps its order.
        if (lastMs - firstMs >= 1L << 47)
        {
            return order;
        }
        var keys = new long[order.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)observations[i].Sign << 47) | (observations[i].Time.ToUnixTimeMilliseconds() - firstMs);
        }
        Array.Sort(keys, order);
        return order;
    }

    private static void AddDoses(NpgsqlBatch batch, long wearerKey, long bundleKey, IReadOnlyList<DoseDelivery> doses)
    {
        foreach (var dose in doses)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO doses (wearer, time_ms, basal_units_per_hour, duration_ms, bolus_units, reason, bundle)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """);
            insert.Parameters.AddWithValue(wearerKey);
            insert.Parameters.AddWithValue(dose.Time.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue(dose.BasalUnitsPerHour);
            insert.Parameters.AddWithValue((long)dose.Duration.TotalMilliseconds);
            insert.Parameters.AddWithValue(dose.BolusUnits);
            insert.Parameters.AddWithValue((int)dose.Reason);
            insert.Parameters.AddWithValue(bundleKey);
            batch.BatchCommands.Add(insert);
        }
    }

    private static void AddEvents(NpgsqlBatch batch, long wearerKey, long bundleKey, IReadOnlyList<PatchEvent> events)
    {
        foreach (var e in events)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO events (wearer, start_ms, kind, end_ms, value, detail, bundle)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """);
            insert.Parameters.AddWithValue(wearerKey);
            insert.Parameters.AddWithValue(e.Start.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue((int)e.Kind);
            insert.Parameters.Add(Bigint(e.End?.ToUnixTimeMilliseconds()));
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double, Value = e.Value is double v ? v : DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)e.Detail ?? DBNull.Value });
            insert.Parameters.AddWithValue(bundleKey);
            batch.BatchCommands.Add(insert);
        }
    }

    private static NpgsqlParameter Bigint(long? value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value is long v ? v : DBNull.Value };

    public async ValueTask<(DateTimeOffset? LastObservation, DateTimeOffset? LastDose)> GetPatchWatermarksAsync(PatchId patch)
    {
        await using var command = Command("SELECT last_observation_ms, last_dose_ms FROM devices WHERE id = $1");
        command.Parameters.AddWithValue(patch.Value);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (Time(reader, 0), Time(reader, 1)) : (null, null);
    }

    public async ValueTask<int> FindStoredEventAsync(WearerId wearer, PatchId patch, IReadOnlyList<PatchEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return -1;
        }
        // One query for all of the bundle's events: the smallest position whose (start, kind) this patch already stored.
        await using var command = Command("""
            SELECT MIN(q.ord) - 1 FROM unnest($3::bigint[], $4::integer[]) WITH ORDINALITY AS q(start_ms, kind, ord)
            WHERE EXISTS (
                SELECT 1 FROM events e JOIN wearers w ON w.id = e.wearer JOIN bundles b ON b.id = e.bundle
                WHERE w.code = $1 AND b.patch = $2 AND e.start_ms = q.start_ms AND e.kind = q.kind)
            """);
        command.Parameters.AddWithValue(wearer.Value);
        command.Parameters.AddWithValue(patch.Value);
        command.Parameters.AddWithValue(events.Select(e => e.Start.ToUnixTimeMilliseconds()).ToArray());
        command.Parameters.AddWithValue(events.Select(e => (int)e.Kind).ToArray());
        return await command.ExecuteScalarAsync() is long index ? (int)index : -1;
    }

    public async ValueTask UpdateWearerAsync(
        WearerId wearer, long bundleKey, DateTimeOffset? lastObservation, string riskStateJson,
        IReadOnlyList<RiskRecord> risks, IReadOnlyList<AlertRecord> alerts)
    {
        ArgumentNullException.ThrowIfNull(risks);
        ArgumentNullException.ThrowIfNull(alerts);
        long wearerKey = await WearerKeyAsync(wearer);
        await using var batch = new NpgsqlBatch(_connection, _transaction);
        var update = new NpgsqlBatchCommand("UPDATE wearers SET last_observation_ms = $1, risk_state = $2 WHERE id = $3");
        update.Parameters.Add(Bigint(lastObservation?.ToUnixTimeMilliseconds()));
        update.Parameters.AddWithValue(riskStateJson);
        update.Parameters.AddWithValue(wearerKey);
        batch.BatchCommands.Add(update);
        foreach (var risk in risks)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO risk_scores (wearer, time_ms, total, level, parts) VALUES ($1, $2, $3, $4, $5)");
            insert.Parameters.AddWithValue(wearerKey);
            insert.Parameters.AddWithValue(risk.Time.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue(risk.Score.Total);
            insert.Parameters.AddWithValue((int)risk.Score.Level);
            insert.Parameters.AddWithValue(RiskParts.Format(risk.Score.Parts));
            batch.BatchCommands.Add(insert);
        }
        foreach (var alert in alerts)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO alerts (wearer, raised_ms, level, score, reason, bundle, kind, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
            insert.Parameters.AddWithValue(wearerKey);
            insert.Parameters.AddWithValue(alert.RaisedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue((int)alert.Level);
            insert.Parameters.AddWithValue(alert.Score);
            insert.Parameters.AddWithValue(alert.Reason);
            insert.Parameters.AddWithValue(bundleKey);
            insert.Parameters.AddWithValue((int)alert.Kind);
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = alert.Explanation is { } e ? ModelRiskCodec.Explanation(e) : DBNull.Value });
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync();
    }

    public async ValueTask CommitAsync()
    {
        await _transaction.CommitAsync();
        _partitions.Committed(_newPartitions);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await PostgresHermesStore.SafeDisposeAsync(_transaction);
        if (_connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || _connection.State == System.Data.ConnectionState.Closed)
        {
            // The server went away (e.g. restarted): drop the pool's other connections too, so a retry gets a fresh one.
            NpgsqlConnection.ClearPool(_connection);
        }
        await _connection.DisposeAsync();
    }

    private async ValueTask<long> WearerKeyAsync(WearerId wearer)
    {
        if (_wearerKeys.TryGetValue(wearer.Value, out long key))
        {
            return key;
        }
        await using var command = Command("INSERT INTO wearers (code) VALUES ($1) ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id");
        command.Parameters.AddWithValue(wearer.Value);
        key = (long)(await command.ExecuteScalarAsync())!;
        _wearerKeys[wearer.Value] = key;
        return key;
    }

    private NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);
}
