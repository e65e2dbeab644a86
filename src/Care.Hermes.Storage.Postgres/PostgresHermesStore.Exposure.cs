using Care.Core.Errors;
using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;
using Care.Hermes.Exposure;
using Care.Trust.Ledger.Entries;
using Npgsql;
using NpgsqlTypes;

namespace Care.Hermes.Storage.Postgres;

/// <summary>Proximity tracing: verification codes (hashes), diagnosis keys, signed exports, anonymous notification counts.</summary>
public sealed partial class PostgresHermesStore : IExposureStore
{
    private const long HourMs = 3_600_000;

    /// <inheritdoc/>
    public async Task AddVerificationCodeAsync(VerificationCodeRecord code, VerificationCodeIssued entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(entry);
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO exposure_codes (sha256, expires_ms, report_type, onset_day) VALUES ($1, $2, $3, $4)
                ON CONFLICT (sha256) DO NOTHING
                """, connection, transaction))
            {
                insert.Parameters.AddWithValue(code.Sha256);
                insert.Parameters.AddWithValue(code.ExpiresAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue((int)code.ReportType);
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = code.SymptomOnset is { } d ? d.DayNumber : DBNull.Value });
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0 || await ExistsAsync(connection, transaction, "exposure_used_codes", "sha256", code.Sha256, cancellationToken))
                {
                    throw new InvalidInputException("verificationCode", "a code with this hash exists already");
                }
            }
            return await AppendCheckedAsync(connection, transaction, [entry], cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<VerificationCodeRecord?> FindVerificationCodeAsync(byte[] codeSha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codeSha256);
        await using var command = _data.CreateCommand("SELECT expires_ms, report_type, onset_day FROM exposure_codes WHERE sha256 = $1");
        command.Parameters.AddWithValue(codeSha256);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new VerificationCodeRecord(codeSha256, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), (ReportType)reader.GetInt32(1),
                reader.IsDBNull(2) ? null : DateOnly.FromDayNumber(reader.GetInt32(2)))
            : null;
    }

    /// <inheritdoc/>
    public Task<KeyUploadResult> PublishDiagnosisKeysAsync(byte[] codeSha256, IReadOnlyList<DiagnosisKey> keys, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codeSha256);
        ArgumentNullException.ThrowIfNull(keys);
        return InTransactionAsync(async (connection, transaction) =>
        {
            long? expires;
            await using (var find = new NpgsqlCommand("SELECT expires_ms FROM exposure_codes WHERE sha256 = $1", connection, transaction))
            {
                find.Parameters.AddWithValue(codeSha256);
                expires = await find.ExecuteScalarAsync(cancellationToken) is long e ? e : null;
            }
            int? firstStored = null;
            bool allStored = true;
            for (var i = 0; i < keys.Count; i++)
            {
                if (await ExistsAsync(connection, transaction, "diagnosis_keys", "key_data", keys[i].KeyData.ToArray(), cancellationToken))
                {
                    firstStored ??= i;
                }
                else
                {
                    allStored = false;
                }
            }
            if (expires is null)
            {
                if (!await ExistsAsync(connection, transaction, "exposure_used_codes", "sha256", codeSha256, cancellationToken))
                {
                    return new KeyUploadResult(KeyUploadOutcome.UnknownCode);
                }
                return new KeyUploadResult(allStored ? KeyUploadOutcome.AlreadyPublished : KeyUploadOutcome.UsedCode);
            }
            if (expires <= at.ToUnixTimeMilliseconds())
            {
                return new KeyUploadResult(KeyUploadOutcome.ExpiredCode);
            }
            if (firstStored is { } index)
            {
                return new KeyUploadResult(KeyUploadOutcome.KeyAlreadyPublished, index);
            }
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO diagnosis_keys (key_data, rolling_start, rolling_period, transmission_risk, report_type, days_since_onset, received_hour_ms, export)
                SELECT k, s, p, t, r, d, $7, NULL FROM unnest($1::bytea[], $2::integer[], $3::integer[], $4::integer[], $5::integer[], $6::integer[]) AS u(k, s, p, t, r, d)
                """, connection, transaction))
            {
                insert.Parameters.AddWithValue(keys.Select(k => k.KeyData.ToArray()).ToArray());
                insert.Parameters.AddWithValue(keys.Select(k => k.RollingStartIntervalNumber).ToArray());
                insert.Parameters.AddWithValue(keys.Select(k => k.RollingPeriod).ToArray());
                insert.Parameters.AddWithValue(keys.Select(k => k.TransmissionRiskLevel).ToArray());
                insert.Parameters.AddWithValue(keys.Select(k => (int)k.ReportType).ToArray());
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = keys.Select(k => k.DaysSinceOnsetOfSymptoms).ToArray() });
                insert.Parameters.AddWithValue(at.ToUnixTimeMilliseconds() / HourMs * HourMs);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var consume = new NpgsqlCommand("WITH used AS (DELETE FROM exposure_codes WHERE sha256 = $1 RETURNING sha256) INSERT INTO exposure_used_codes (sha256) SELECT sha256 FROM used", connection, transaction))
            {
                consume.Parameters.AddWithValue(codeSha256);
                await consume.ExecuteNonQueryAsync(cancellationToken);
            }
            return new KeyUploadResult(KeyUploadOutcome.Published);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PendingDiagnosisKey>> PendingDiagnosisKeysAsync(int releasableBefore, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _data.CreateCommand($"""
            SELECT key_data, rolling_start, rolling_period, transmission_risk, report_type, days_since_onset, received_hour_ms
            FROM diagnosis_keys WHERE export IS NULL AND rolling_start + {EnInterval.TekRollingPeriod} <= $1
            ORDER BY key_data LIMIT $2
            """);
        command.Parameters.AddWithValue(releasableBefore);
        command.Parameters.AddWithValue(limit);
        var result = new List<PendingDiagnosisKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new DiagnosisKey(Block128.FromBytes((byte[])reader[0]), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
                (ReportType)reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5));
            result.Add(new PendingDiagnosisKey(key, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return result;
    }

    /// <inheritdoc/>
    public Task<ExportSummary> StoreExportAsync(ExportDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        string sha = ExportPublisher.Sha256(draft.Zip);
        return InTransactionAsync(async (connection, transaction) =>
        {
            long id;
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO exposure_exports (region, start_s, end_s, key_count, sha256, zip, published_ms)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                """, connection, transaction))
            {
                insert.Parameters.AddWithValue(draft.Region);
                insert.Parameters.AddWithValue(draft.StartUnixSeconds);
                insert.Parameters.AddWithValue(draft.EndUnixSeconds);
                insert.Parameters.AddWithValue(draft.Keys.Count);
                insert.Parameters.AddWithValue(Convert.FromHexString(sha));
                insert.Parameters.AddWithValue(draft.Zip);
                insert.Parameters.AddWithValue(draft.At.ToUnixTimeMilliseconds());
                id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }
            await using (var mark = new NpgsqlCommand("UPDATE diagnosis_keys SET export = $1 WHERE key_data = ANY($2) AND export IS NULL", connection, transaction))
            {
                mark.Parameters.AddWithValue(id);
                mark.Parameters.AddWithValue(draft.Keys.Select(k => k.ToArray()).ToArray());
                int marked = await mark.ExecuteNonQueryAsync(cancellationToken);
                if (marked != draft.Keys.Count)
                {
                    throw new InvalidOperationException($"{draft.Keys.Count - marked} key(s) of the export are not pending (published by another run, or never stored); nothing was published");
                }
            }
            await AppendCheckedAsync(connection, transaction, [new DiagnosisKeysPublished(id, draft.Region, draft.Keys.Count, sha) { At = draft.At }], cancellationToken);
            return new ExportSummary(id, draft.Region, draft.StartUnixSeconds, draft.EndUnixSeconds, draft.Keys.Count, sha, draft.At);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ExportSummary>> ListExportsAsync(long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _data.CreateCommand("SELECT id, region, start_s, end_s, key_count, sha256, published_ms FROM exposure_exports WHERE id > $1 ORDER BY id LIMIT $2");
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(limit);
        var result = new List<ExportSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ExportSummary(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4),
                Convert.ToHexStringLower((byte[])reader[5]), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return result;
    }

    /// <inheritdoc/>
    public async Task<byte[]?> ReadExportAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("SELECT zip FROM exposure_exports WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <inheritdoc/>
    public Task<bool> RecordNotificationsAsync(Guid reportId, string region, DateOnly day, int count, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return InTransactionAsync(async (connection, transaction) =>
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO exposure_notification_reports (report_id, region, day, count) VALUES ($1, $2, $3, $4)
                ON CONFLICT (report_id) DO NOTHING
                """, connection, transaction);
            insert.Parameters.AddWithValue(reportId);
            insert.Parameters.AddWithValue(region);
            insert.Parameters.AddWithValue(day.DayNumber);
            insert.Parameters.AddWithValue(count);
            return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<NotificationCount>> NotificationCountsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("""
            SELECT region, day, SUM(count)::bigint FROM exposure_notification_reports WHERE day >= $1 AND day <= $2
            GROUP BY day, region ORDER BY day, region
            """);
        command.Parameters.AddWithValue(from.DayNumber);
        command.Parameters.AddWithValue(to.DayNumber);
        var result = new List<NotificationCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new NotificationCount(reader.GetString(0), DateOnly.FromDayNumber(reader.GetInt32(1)), reader.GetInt64(2)));
        }
        return result;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string column, byte[] key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT 1 FROM {table} WHERE {column} = $1", connection, transaction);
        command.Parameters.AddWithValue(key);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
