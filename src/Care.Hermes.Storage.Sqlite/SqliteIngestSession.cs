using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;
using Microsoft.Data.Sqlite;
using Care.Clinical.EarlyWarning;
using Care.Hermes.Alerts;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using SQLitePCL;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>One write transaction on the store's writer connection; releases the write lock when disposed.</summary>
internal sealed class SqliteIngestSession : IIngestSession
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _writeLock;
    private readonly SqliteTransaction _transaction;
    private bool _disposed;

    private readonly SqliteLedgerStore _ledger;
    private readonly TimeProvider _time;

    public SqliteIngestSession(SqliteConnection connection, SemaphoreSlim writeLock, SqliteLedgerStore ledger, TimeProvider time)
    {
        _connection = connection;
        _writeLock = writeLock;
        _ledger = ledger;
        _time = time;
        _transaction = connection.BeginTransaction(deferred: false);
        _sequences = new LedgerSequenceTracker(connection, _transaction);
    }

    private readonly LedgerSequenceTracker _sequences;

    public ValueTask<long?> LastSequenceAsync(string deviceId) => ValueTask.FromResult(_sequences.LastSeen(deviceId));

    public ValueTask<AlertRecord?> FindAlertAsync(long alertId)
    {
        using var read = Command($"{SqliteHermesStore.AlertColumns} WHERE a.id = $id");
        read.Parameters.AddWithValue("$id", alertId);
        using var reader = read.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? SqliteHermesStore.ReadAlert(reader) : null);
    }

    public ValueTask<bool> MarkAlertAcknowledgedAsync(long alertId, string tokenId, DateTimeOffset at)
    {
        using var ack = Command("UPDATE alerts SET acknowledged_ms = $at, acknowledged_by = $by WHERE id = $id AND acknowledged_ms IS NULL");
        ack.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        ack.Parameters.AddWithValue("$by", tokenId);
        ack.Parameters.AddWithValue("$id", alertId);
        return ValueTask.FromResult(ack.ExecuteNonQuery() > 0);
    }

    public ValueTask SetSuppressionAsync(WearerId wearer, AlertKind kind, DateTimeOffset until, News2Level level)
    {
        // Fixed column names per kind (never input): NEWS2 and the model keep separate windows.
        var (untilColumn, levelColumn) = kind switch
        {
            AlertKind.News2 => ("suppress_until_ms", "suppress_level"),
            AlertKind.SepsisModel => ("model_suppress_until_ms", "model_suppress_level"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no suppression window for this alert kind"),
        };
        using var update = Command($"UPDATE wearers SET {untilColumn} = $until, {levelColumn} = $level WHERE code = $w");
        update.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("$level", (int)level);
        update.Parameters.AddWithValue("$w", wearer.Value);
        update.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<LedgerRecord?> LatestLedgerEntryAsync(string kind, WearerId wearer)
    {
        // A pending entry is newer than every entry in the log: the outbox first.
        using (var pending = Command("SELECT kind, wearer, promised FROM ledger_outbox WHERE kind = $k AND wearer = $w ORDER BY id DESC LIMIT 1"))
        {
            pending.Parameters.AddWithValue("$k", kind);
            pending.Parameters.AddWithValue("$w", wearer.Value);
            using var row = pending.ExecuteReader();
            if (row.Read())
            {
                var promised = (byte[])row[2];
                return ValueTask.FromResult<LedgerRecord?>(new LedgerRecord(-1, row.GetString(0), row.GetString(1), promised, MerkleHash.Leaf(promised)));
            }
        }
        using var find = Command("SELECT idx, kind, wearer, data, leaf_hash FROM ledger_entries WHERE kind = $k AND wearer = $w ORDER BY idx DESC LIMIT 1");
        find.Parameters.AddWithValue("$k", kind);
        find.Parameters.AddWithValue("$w", wearer.Value);
        using var reader = find.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? SqliteLedgerStore.ReadRecord(reader) : null);
    }

    public ValueTask<StoredBundle?> FindSealedAsync(byte[] sealedSha256)
    {
        using var command = Command("SELECT uid, content_sha256, observation_count FROM bundles WHERE sealed_sha256 = $h");
        command.Parameters.AddWithValue("$h", sealedSha256);
        using var reader = command.ExecuteReader();
        StoredBundle? found = reader.Read() ? new StoredBundle(new Guid((byte[])reader[0]), (byte[])reader[1], reader.GetInt32(2)) : null;
        return ValueTask.FromResult(found);
    }

    public ValueTask<long> AppendLedgerAsync(LedgerEntry entry) => ValueTask.FromResult(_ledger.Enqueue(entry, _transaction, _time.GetUtcNow()));

    public ValueTask<StoredBundle?> FindBundleAsync(Guid bundleId)
    {
        using var command = Command("SELECT content_sha256, observation_count FROM bundles WHERE uid = $u");
        command.Parameters.AddWithValue("$u", bundleId.ToByteArray());
        using var reader = command.ExecuteReader();
        StoredBundle? found = reader.Read() ? new StoredBundle(bundleId, (byte[])reader.GetValue(0), reader.GetInt32(1)) : null;
        return ValueTask.FromResult(found);
    }

    public ValueTask<WearerIngestState> GetWearerAsync(WearerId wearer)
    {
        using var command = Command("""
            SELECT last_observation_ms, risk_state, suppress_until_ms, suppress_level, model_risk_state, model_suppress_until_ms, model_suppress_level
            FROM wearers WHERE code = $w
            """);
        command.Parameters.AddWithValue("$w", wearer.Value);
        using var reader = command.ExecuteReader();
        var state = reader.Read()
            ? new WearerIngestState(
                Time(reader, 0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                Time(reader, 2),
                reader.IsDBNull(3) ? default : (Clinical.EarlyWarning.News2Level)reader.GetInt32(3))
            {
                ModelRiskStateJson = reader.IsDBNull(4) ? null : reader.GetString(4),
                ModelSuppressUntil = Time(reader, 5),
                ModelSuppressLevel = reader.IsDBNull(6) ? default : (Clinical.EarlyWarning.News2Level)reader.GetInt32(6),
            }
            : new WearerIngestState(null, null);
        return ValueTask.FromResult(state);
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));

    public ValueTask<(int Stored, IReadOnlyList<IReadOnlyList<float>> Last)> GetModelRiskInputsAsync(WearerId wearer, int lastHours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastHours);
        int stored;
        using (var count = Command("SELECT COUNT(*) FROM model_risks r JOIN wearers w ON w.id = r.wearer WHERE w.code = $w"))
        {
            count.Parameters.AddWithValue("$w", wearer.Value);
            stored = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        using var command = Command("SELECT r.inputs FROM model_risks r JOIN wearers w ON w.id = r.wearer WHERE w.code = $w ORDER BY r.time_ms DESC LIMIT $n");
        command.Parameters.AddWithValue("$w", wearer.Value);
        command.Parameters.AddWithValue("$n", lastHours);
        var rows = new List<IReadOnlyList<float>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(ModelRiskCodec.Inputs((byte[])reader[0]));
        }
        rows.Reverse();
        return ValueTask.FromResult<(int, IReadOnlyList<IReadOnlyList<float>>)>((stored, rows));
    }

    public ValueTask<IReadOnlyList<(Clinical.Sepsis.SepsisRiskLevel Level, double Probability)>> GetRecentModelRisksAsync(WearerId wearer, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        using var command = Command("""
            SELECT r.level, r.probability FROM model_risks r JOIN wearers w ON w.id = r.wearer
            WHERE w.code = $w ORDER BY r.time_ms DESC LIMIT $n
            """);
        command.Parameters.AddWithValue("$w", wearer.Value);
        command.Parameters.AddWithValue("$n", hours);
        var rows = new List<(Clinical.Sepsis.SepsisRiskLevel, double)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(((Clinical.Sepsis.SepsisRiskLevel)reader.GetInt32(0), reader.GetDouble(1)));
        }
        rows.Reverse();
        return ValueTask.FromResult<IReadOnlyList<(Clinical.Sepsis.SepsisRiskLevel, double)>>(rows);
    }

    public ValueTask StoreModelRiskAsync(WearerId wearer, string modelRiskStateJson, IReadOnlyList<ModelRiskRecord> risks)
    {
        long wearerKey = WearerKey(wearer);
        using (var update = Command("UPDATE wearers SET model_risk_state = $s WHERE id = $id"))
        {
            update.Parameters.AddWithValue("$s", modelRiskStateJson);
            update.Parameters.AddWithValue("$id", wearerKey);
            update.ExecuteNonQuery();
        }
        if (risks.Count == 0)
        {
            return ValueTask.CompletedTask;
        }
        using var insert = Command("""
            INSERT INTO model_risks (wearer, time_ms, hour, inputs, measured, score, level, probability, probability_low, probability_high, contributions)
            VALUES ($w, $t, $h, $i, $m, $s, $l, $p, $lo, $hi, $c)
            """);
        foreach (var risk in risks)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$w", wearerKey);
            insert.Parameters.AddWithValue("$t", risk.Time.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$h", risk.Hour);
            insert.Parameters.AddWithValue("$i", ModelRiskCodec.Inputs(risk.Inputs));
            insert.Parameters.AddWithValue("$m", risk.Measured ? 1 : 0);
            insert.Parameters.AddWithValue("$s", risk.Score);
            insert.Parameters.AddWithValue("$l", (int)risk.Level);
            insert.Parameters.AddWithValue("$p", risk.Probability);
            insert.Parameters.AddWithValue("$lo", risk.ProbabilityLow);
            insert.Parameters.AddWithValue("$hi", risk.ProbabilityHigh);
            insert.Parameters.AddWithValue("$c", ModelRiskCodec.Contributions(risk.Contributions));
            insert.ExecuteNonQuery();
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> AddBundleAsync(Bundle bundle, byte[] contentSha256, byte[] sealedSha256, DateTimeOffset receivedAt)
    {
        long wearerKey = WearerKey(bundle.WearerId);
        long bundleKey;
        using (var insert = Command("""
            INSERT INTO bundles (uid, wearer, patch, created_ms, received_ms, observation_count, content_sha256, sealed_sha256)
            VALUES ($u, $w, $p, $c, $r, $n, $h, $sh) RETURNING id
            """))
        {
            insert.Parameters.AddWithValue("$u", bundle.BundleId.ToByteArray());
            insert.Parameters.AddWithValue("$w", wearerKey);
            insert.Parameters.AddWithValue("$p", bundle.PatchId.Value);
            insert.Parameters.AddWithValue("$c", bundle.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$r", receivedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$n", bundle.Observations.Count);
            insert.Parameters.AddWithValue("$h", contentSha256);
            insert.Parameters.AddWithValue("$sh", sealedSha256);
            bundleKey = (long)insert.ExecuteScalar()!;
        }
        InsertObservations(wearerKey, bundleKey, bundle.Observations);
        InsertDoses(wearerKey, bundleKey, bundle.Doses);
        InsertEvents(wearerKey, bundleKey, bundle.Events);
        using (var watermarks = Command("""
            UPDATE devices SET
                last_observation_ms = COALESCE(MAX(COALESCE(last_observation_ms, $o), $o), last_observation_ms),
                last_dose_ms = COALESCE(MAX(COALESCE(last_dose_ms, $d), $d), last_dose_ms)
            WHERE id = $p
            """))
        {
            watermarks.Parameters.AddWithValue("$p", bundle.PatchId.Value);
            watermarks.Parameters.AddWithValue("$o", bundle.Observations.Count > 0 ? bundle.Observations.Max(o => o.Time).ToUnixTimeMilliseconds() : DBNull.Value);
            watermarks.Parameters.AddWithValue("$d", bundle.Doses.Count > 0 ? bundle.Doses[^1].Time.ToUnixTimeMilliseconds() : DBNull.Value);
            watermarks.ExecuteNonQuery();
        }
        return ValueTask.FromResult(bundleKey);
    }

    public ValueTask<(DateTimeOffset? LastObservation, DateTimeOffset? LastDose)> GetPatchWatermarksAsync(PatchId patch)
    {
        using var command = Command("SELECT last_observation_ms, last_dose_ms FROM devices WHERE id = $p");
        command.Parameters.AddWithValue("$p", patch.Value);
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? (Time(reader, 0), Time(reader, 1)) : ((DateTimeOffset?)null, (DateTimeOffset?)null));
    }

    public ValueTask<int> FindStoredEventAsync(WearerId wearer, PatchId patch, IReadOnlyList<PatchEvent> events)
    {
        if (events.Count == 0)
        {
            return ValueTask.FromResult(-1);
        }
        using var command = Command("""
            SELECT 1 FROM events e JOIN wearers w ON w.id = e.wearer JOIN bundles b ON b.id = e.bundle
            WHERE w.code = $w AND e.start_ms = $s AND e.kind = $k AND b.patch = $p
            """);
        command.Parameters.AddWithValue("$w", wearer.Value);
        command.Parameters.AddWithValue("$p", patch.Value);
        var start = command.Parameters.Add("$s", SqliteType.Integer);
        var kind = command.Parameters.Add("$k", SqliteType.Integer);
        for (int i = 0; i < events.Count; i++)
        {
            start.Value = events[i].Start.ToUnixTimeMilliseconds();
            kind.Value = (int)events[i].Kind;
            if (command.ExecuteScalar() is not null)
            {
                return ValueTask.FromResult(i);
            }
        }
        return ValueTask.FromResult(-1);
    }

    /// <summary>Events are rare (a few a day), so one reused command is fast enough.</summary>
    private void InsertEvents(long wearerKey, long bundleKey, IReadOnlyList<PatchEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        using var insert = Command("""
            INSERT INTO events (wearer, start_ms, kind, end_ms, value, detail, bundle)
            VALUES ($w, $s, $k, $e, $v, $d, $b)
            """);
        insert.Parameters.AddWithValue("$w", wearerKey);
        insert.Parameters.AddWithValue("$b", bundleKey);
        var start = insert.Parameters.Add("$s", SqliteType.Integer);
        var kind = insert.Parameters.Add("$k", SqliteType.Integer);
        var end = insert.Parameters.Add("$e", SqliteType.Integer);
        var value = insert.Parameters.Add("$v", SqliteType.Real);
        var detail = insert.Parameters.Add("$d", SqliteType.Text);
        foreach (var e in events)
        {
            start.Value = e.Start.ToUnixTimeMilliseconds();
            kind.Value = (int)e.Kind;
            end.Value = e.End is DateTimeOffset t ? t.ToUnixTimeMilliseconds() : DBNull.Value;
            value.Value = e.Value is double v ? v : DBNull.Value;
            detail.Value = (object?)e.Detail ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Doses are few (one per 5-minute period), so one reused command is fast enough.</summary>
    private void InsertDoses(long wearerKey, long bundleKey, IReadOnlyList<DoseDelivery> doses)
    {
        if (doses.Count == 0)
        {
            return;
        }
        using var insert = Command("""
            INSERT INTO doses (wearer, time_ms, basal_units_per_hour, duration_ms, bolus_units, reason, bundle)
            VALUES ($w, $t, $basal, $d, $bolus, $r, $b)
            """);
        insert.Parameters.AddWithValue("$w", wearerKey);
        insert.Parameters.AddWithValue("$b", bundleKey);
        var time = insert.Parameters.Add("$t", SqliteType.Integer);
        var basal = insert.Parameters.Add("$basal", SqliteType.Real);
        var duration = insert.Parameters.Add("$d", SqliteType.Integer);
        var bolus = insert.Parameters.Add("$bolus", SqliteType.Real);
        var reason = insert.Parameters.Add("$r", SqliteType.Integer);
        foreach (var dose in doses)
        {
            time.Value = dose.Time.ToUnixTimeMilliseconds();
            basal.Value = dose.BasalUnitsPerHour;
            duration.Value = (long)dose.Duration.TotalMilliseconds;
            bolus.Value = dose.BolusUnits;
            reason.Value = (int)dose.Reason;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The hot loop of ingest. It binds by index on one prepared statement through SQLitePCL's
    /// raw API on this session's connection (so inside its transaction): Microsoft.Data.Sqlite's
    /// per-command bookkeeping costs more than SQLite's own insert for rows this small.
    /// </summary>
    private void InsertObservations(long wearerKey, long bundleKey, IReadOnlyList<Observation> observations)
    {
        var db = _connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, "INSERT INTO observations (wearer, sign, time_ms, value, bundle) VALUES (?1, ?2, ?3, ?4, ?5)", out sqlite3_stmt statement));
        using (statement)
        {
            Check(db, raw.sqlite3_bind_int64(statement, 1, wearerKey));
            Check(db, raw.sqlite3_bind_int64(statement, 5, bundleKey));
            foreach (var o in observations)
            {
                Check(db, raw.sqlite3_bind_int(statement, 2, (int)o.Sign));
                Check(db, raw.sqlite3_bind_int64(statement, 3, o.Time.ToUnixTimeMilliseconds()));
                Check(db, raw.sqlite3_bind_double(statement, 4, o.Value));
                int step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    Check(db, step);
                }
                Check(db, raw.sqlite3_reset(statement));
            }
        }
    }

    private static void Check(sqlite3 db, int code)
    {
        if (code != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(code, db);
        }
    }

    public ValueTask UpdateWearerAsync(
        WearerId wearer, long bundleKey, DateTimeOffset? lastObservation, string riskStateJson,
        IReadOnlyList<RiskRecord> risks, IReadOnlyList<AlertRecord> alerts)
    {
        long wearerKey = WearerKey(wearer);
        using (var update = Command("UPDATE wearers SET last_observation_ms = $t, risk_state = $s WHERE id = $id"))
        {
            update.Parameters.AddWithValue("$t", lastObservation is DateTimeOffset t ? t.ToUnixTimeMilliseconds() : DBNull.Value);
            update.Parameters.AddWithValue("$s", riskStateJson);
            update.Parameters.AddWithValue("$id", wearerKey);
            update.ExecuteNonQuery();
        }
        if (risks.Count > 0)
        {
            using var insert = Command("INSERT INTO risk_scores (wearer, time_ms, total, level, parts) VALUES ($w, $t, $total, $level, $parts)");
            foreach (var risk in risks)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$w", wearerKey);
                insert.Parameters.AddWithValue("$t", risk.Time.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$total", risk.Score.Total);
                insert.Parameters.AddWithValue("$level", (int)risk.Score.Level);
                insert.Parameters.AddWithValue("$parts", RiskParts.Format(risk.Score.Parts));
                insert.ExecuteNonQuery();
            }
        }
        if (alerts.Count > 0)
        {
            using var insert = Command("INSERT INTO alerts (wearer, raised_ms, level, score, reason, bundle, kind, details) VALUES ($w, $t, $level, $score, $reason, $b, $k, $d)");
            foreach (var alert in alerts)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$w", wearerKey);
                insert.Parameters.AddWithValue("$t", alert.RaisedAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$level", (int)alert.Level);
                insert.Parameters.AddWithValue("$score", alert.Score);
                insert.Parameters.AddWithValue("$reason", alert.Reason);
                insert.Parameters.AddWithValue("$b", bundleKey);
                insert.Parameters.AddWithValue("$k", (int)alert.Kind);
                insert.Parameters.AddWithValue("$d", alert.Explanation is { } e ? ModelRiskCodec.Explanation(e) : DBNull.Value);
                insert.ExecuteNonQuery();
            }
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask CommitAsync()
    {
        _transaction.Commit();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _transaction.Dispose();
            _writeLock.Release();
        }
        return ValueTask.CompletedTask;
    }

    private long WearerKey(WearerId wearer)
    {
        using var command = Command("INSERT INTO wearers (code) VALUES ($w) ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id");
        command.Parameters.AddWithValue("$w", wearer.Value);
        return (long)command.ExecuteScalar()!;
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }
}
