using Care.Core.Errors;
using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;
using Care.Hermes.Exposure;
using Care.Trust.Ledger.Entries;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>Proximity tracing: verification codes (hashes), diagnosis keys, signed exports, anonymous notification counts.</summary>
public sealed partial class SqliteHermesStore : IExposureStore
{
    private const long HourMs = 3_600_000;

    /// <inheritdoc/>
    public Task AddVerificationCodeAsync(VerificationCodeRecord code, VerificationCodeIssued entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(entry);
        return InTransactionAsync(transaction =>
        {
            using var insert = Command(transaction, """
                INSERT INTO exposure_codes (sha256, expires_ms, report_type, onset_day) VALUES ($h, $e, $r, $o)
                ON CONFLICT (sha256) DO NOTHING
                """);
            insert.Parameters.AddWithValue("$h", code.Sha256);
            insert.Parameters.AddWithValue("$e", code.ExpiresAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$r", (int)code.ReportType);
            insert.Parameters.AddWithValue("$o", code.SymptomOnset is { } d ? d.DayNumber : DBNull.Value);
            if (insert.ExecuteNonQuery() == 0 || Exists(transaction, "exposure_used_codes", code.Sha256))
            {
                throw new InvalidInputException("verificationCode", "a code with this hash exists already");
            }
            AppendChecked(entry, transaction);
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<VerificationCodeRecord?> FindVerificationCodeAsync(byte[] codeSha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codeSha256);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT expires_ms, report_type, onset_day FROM exposure_codes WHERE sha256 = $h";
        command.Parameters.AddWithValue("$h", codeSha256);
        using var reader = command.ExecuteReader();
        VerificationCodeRecord? found = reader.Read()
            ? new VerificationCodeRecord(codeSha256, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), (ReportType)reader.GetInt32(1),
                reader.IsDBNull(2) ? null : DateOnly.FromDayNumber(reader.GetInt32(2)))
            : null;
        return Task.FromResult(found);
    }

    /// <inheritdoc/>
    public Task<KeyUploadResult> PublishDiagnosisKeysAsync(byte[] codeSha256, IReadOnlyList<DiagnosisKey> keys, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codeSha256);
        ArgumentNullException.ThrowIfNull(keys);
        return InTransactionAsync(transaction =>
        {
            long? expires;
            using (var find = Command(transaction, "SELECT expires_ms FROM exposure_codes WHERE sha256 = $h"))
            {
                find.Parameters.AddWithValue("$h", codeSha256);
                expires = find.ExecuteScalar() is long e ? e : null;
            }
            var stored = keys.Select((k, i) => (Index: i, Stored: Exists(transaction, "diagnosis_keys", k.KeyData.ToArray(), "key_data"))).ToList();
            if (expires is null)
            {
                if (!Exists(transaction, "exposure_used_codes", codeSha256))
                {
                    return new KeyUploadResult(KeyUploadOutcome.UnknownCode);
                }
                return new KeyUploadResult(stored.All(s => s.Stored) ? KeyUploadOutcome.AlreadyPublished : KeyUploadOutcome.UsedCode);
            }
            if (expires <= at.ToUnixTimeMilliseconds())
            {
                return new KeyUploadResult(KeyUploadOutcome.ExpiredCode);
            }
            if (stored.FirstOrDefault(s => s.Stored) is { Stored: true } first)
            {
                return new KeyUploadResult(KeyUploadOutcome.KeyAlreadyPublished, first.Index);
            }
            using (var insert = Command(transaction, """
                INSERT INTO diagnosis_keys (key_data, rolling_start, rolling_period, transmission_risk, report_type, days_since_onset, received_hour_ms, export)
                VALUES ($k, $s, $p, $t, $r, $d, $h, NULL)
                """))
            {
                var k = insert.Parameters.Add("$k", SqliteType.Blob);
                var s = insert.Parameters.Add("$s", SqliteType.Integer);
                var p = insert.Parameters.Add("$p", SqliteType.Integer);
                var t = insert.Parameters.Add("$t", SqliteType.Integer);
                var r = insert.Parameters.Add("$r", SqliteType.Integer);
                var d = insert.Parameters.Add("$d", SqliteType.Integer);
                insert.Parameters.AddWithValue("$h", at.ToUnixTimeMilliseconds() / HourMs * HourMs);
                foreach (var key in keys)
                {
                    k.Value = key.KeyData.ToArray();
                    s.Value = key.RollingStartIntervalNumber;
                    p.Value = key.RollingPeriod;
                    t.Value = key.TransmissionRiskLevel;
                    r.Value = (int)key.ReportType;
                    d.Value = key.DaysSinceOnsetOfSymptoms is { } days ? days : DBNull.Value;
                    insert.ExecuteNonQuery();
                }
            }
            using (var consume = Command(transaction, "DELETE FROM exposure_codes WHERE sha256 = $h; INSERT INTO exposure_used_codes (sha256) VALUES ($h)"))
            {
                consume.Parameters.AddWithValue("$h", codeSha256);
                consume.ExecuteNonQuery();
            }
            return new KeyUploadResult(KeyUploadOutcome.Published);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PendingDiagnosisKey>> PendingDiagnosisKeysAsync(int releasableBefore, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT key_data, rolling_start, rolling_period, transmission_risk, report_type, days_since_onset, received_hour_ms
            FROM diagnosis_keys WHERE export IS NULL AND rolling_start + {EnInterval.TekRollingPeriod} <= $now
            ORDER BY key_data LIMIT $limit
            """;
        command.Parameters.AddWithValue("$now", releasableBefore);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<PendingDiagnosisKey>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = new DiagnosisKey(Block128.FromBytes((byte[])reader[0]), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
                (ReportType)reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5));
            result.Add(new PendingDiagnosisKey(key, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return Task.FromResult<IReadOnlyList<PendingDiagnosisKey>>(result);
    }

    /// <inheritdoc/>
    public Task<ExportSummary> StoreExportAsync(ExportDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        string sha = ExportPublisher.Sha256(draft.Zip);
        return InTransactionAsync(transaction =>
        {
            long id;
            using (var insert = Command(transaction, """
                INSERT INTO exposure_exports (region, start_s, end_s, key_count, sha256, zip, published_ms)
                VALUES ($r, $s, $e, $n, $h, $z, $t) RETURNING id
                """))
            {
                insert.Parameters.AddWithValue("$r", draft.Region);
                insert.Parameters.AddWithValue("$s", draft.StartUnixSeconds);
                insert.Parameters.AddWithValue("$e", draft.EndUnixSeconds);
                insert.Parameters.AddWithValue("$n", draft.Keys.Count);
                insert.Parameters.AddWithValue("$h", Convert.FromHexString(sha));
                insert.Parameters.AddWithValue("$z", draft.Zip);
                insert.Parameters.AddWithValue("$t", draft.At.ToUnixTimeMilliseconds());
                id = (long)insert.ExecuteScalar()!;
            }
            using (var mark = Command(transaction, "UPDATE diagnosis_keys SET export = $id WHERE key_data = $k AND export IS NULL"))
            {
                mark.Parameters.AddWithValue("$id", id);
                var k = mark.Parameters.Add("$k", SqliteType.Blob);
                foreach (var key in draft.Keys)
                {
                    k.Value = key.ToArray();
                    if (mark.ExecuteNonQuery() != 1)
                    {
                        throw new InvalidOperationException($"key {key} of the export is not pending (published by another run, or never stored); nothing was published");
                    }
                }
            }
            AppendChecked(new DiagnosisKeysPublished(id, draft.Region, draft.Keys.Count, sha) { At = draft.At }, transaction);
            return new ExportSummary(id, draft.Region, draft.StartUnixSeconds, draft.EndUnixSeconds, draft.Keys.Count, sha, draft.At);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ExportSummary>> ListExportsAsync(long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, region, start_s, end_s, key_count, sha256, published_ms FROM exposure_exports WHERE id > $a ORDER BY id LIMIT $l";
        command.Parameters.AddWithValue("$a", after);
        command.Parameters.AddWithValue("$l", limit);
        var result = new List<ExportSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new ExportSummary(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4),
                Convert.ToHexStringLower((byte[])reader[5]), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return Task.FromResult<IReadOnlyList<ExportSummary>>(result);
    }

    /// <inheritdoc/>
    public Task<byte[]?> ReadExportAsync(long id, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT zip FROM exposure_exports WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Task.FromResult(command.ExecuteScalar() as byte[]);
    }

    /// <inheritdoc/>
    public Task<bool> RecordNotificationsAsync(Guid reportId, string region, DateOnly day, int count, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return InTransactionAsync(transaction =>
        {
            using var insert = Command(transaction, """
                INSERT INTO exposure_notification_reports (report_id, region, day, count) VALUES ($id, $r, $d, $n)
                ON CONFLICT (report_id) DO NOTHING
                """);
            insert.Parameters.AddWithValue("$id", reportId.ToByteArray());
            insert.Parameters.AddWithValue("$r", region);
            insert.Parameters.AddWithValue("$d", day.DayNumber);
            insert.Parameters.AddWithValue("$n", count);
            return insert.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<NotificationCount>> NotificationCountsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT region, day, SUM(count) FROM exposure_notification_reports WHERE day >= $f AND day <= $t
            GROUP BY day, region ORDER BY day, region
            """;
        command.Parameters.AddWithValue("$f", from.DayNumber);
        command.Parameters.AddWithValue("$t", to.DayNumber);
        var result = new List<NotificationCount>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new NotificationCount(reader.GetString(0), DateOnly.FromDayNumber(reader.GetInt32(1)), reader.GetInt64(2)));
        }
        return Task.FromResult<IReadOnlyList<NotificationCount>>(result);
    }

    private bool Exists(SqliteTransaction transaction, string table, byte[] key, string column = "sha256")
    {
        using var command = Command(transaction, $"SELECT 1 FROM {table} WHERE {column} = $k");
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() is not null;
    }
}
