using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Trust.Ledger.Entries;
using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>Doses, rhythm events, wearers and tokens.</summary>
public sealed partial class PostgresHermesStore
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<DoseDelivery>> QueryDosesAsync(DoseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        await using var command = _data.CreateCommand("""
            SELECT d.time_ms, d.basal_units_per_hour, d.duration_ms, d.bolus_units, d.reason
            FROM doses d JOIN wearers w ON w.id = d.wearer
            WHERE w.code = $1 AND d.time_ms >= $2 AND d.time_ms < $3
            ORDER BY d.time_ms LIMIT $4
            """);
        command.Parameters.AddWithValue(query.Wearer.Value);
        command.Parameters.AddWithValue(query.From?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue(query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        command.Parameters.AddWithValue((long)query.Limit);
        var result = new List<DoseDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DoseDelivery(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetDouble(1), TimeSpan.FromMilliseconds(reader.GetInt64(2)),
                reader.GetDouble(3), (DoseDeliveryReason)reader.GetInt32(4)));
        }
        return result;
    }

    /// <inheritdoc/>
    public Task<long> CountDosesAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default) =>
        CountPerWearerAsync("doses", wearers, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PatchEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        await using var command = _data.CreateCommand("""
            SELECT e.kind, e.start_ms, e.end_ms, e.value, e.detail
            FROM events e JOIN wearers w ON w.id = e.wearer
            WHERE w.code = $1 AND e.start_ms >= $2 AND e.start_ms < $3 AND ($4::integer IS NULL OR e.kind = $4)
            ORDER BY e.start_ms, e.kind LIMIT $5
            """);
        command.Parameters.AddWithValue(query.Wearer.Value);
        command.Parameters.AddWithValue(query.From?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue(query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = query.Kind is PatchEventKind k ? (int)k : DBNull.Value });
        command.Parameters.AddWithValue((long)query.Limit);
        var result = new List<PatchEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new PatchEvent(
                (PatchEventKind)reader.GetInt32(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return result;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<PatchEventKind, long>> CountEventsAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wearers);
        await using var command = _data.CreateCommand("SELECT e.kind, COUNT(*) FROM events e JOIN wearers w ON w.id = e.wearer WHERE w.code = ANY($1) GROUP BY e.kind");
        command.Parameters.AddWithValue(wearers.Select(w => w.Value).Distinct().ToArray());
        var total = new Dictionary<PatchEventKind, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total[(PatchEventKind)reader.GetInt32(0)] = reader.GetInt64(1);
        }
        return total;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WearerSummary>> ListWearersAsync(string? after, int limit, IReadOnlyCollection<WearerId>? only, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (only is { Count: 0 })
        {
            return [];
        }
        await using var command = _data.CreateCommand("""
            SELECT w.code, w.last_observation_ms,
                   (SELECT COUNT(*) FROM devices d WHERE d.wearer = w.code AND d.retired_ms IS NULL)
            FROM wearers w
            WHERE ($1::text IS NULL OR w.code COLLATE "C" > $1) AND ($2::text[] IS NULL OR w.code = ANY($2))
            ORDER BY w.code COLLATE "C" LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)after ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
            Value = only is null ? DBNull.Value : only.Select(w => w.Value).ToArray(),
        });
        command.Parameters.AddWithValue((long)limit);
        var list = new List<WearerSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new WearerSummary(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                (int)reader.GetInt64(2)));
        }
        return list;
    }

    /// <inheritdoc/>
    public async Task AddTokenAsync(TokenRecord token, string issuedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var entry = new TokenIssued(token.Id, token.Role.ToString().ToLowerInvariant(), token.ExpiresAt,
            token.Wearers is { } scope ? string.Join(',', scope.Select(w => w.Value)) : null, issuedBy) { At = token.CreatedAt };
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO tokens (id, sha256, role, created_ms, revoked_ms, expires_ms, label, scoped)
                VALUES ($1, $2, $3, $4, NULL, $5, $6, $7)
                """, connection, transaction))
            {
                insert.Parameters.AddWithValue(token.Id);
                insert.Parameters.AddWithValue(token.Sha256);
                insert.Parameters.AddWithValue(token.Role.ToString());
                insert.Parameters.AddWithValue(token.CreatedAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue(token.ExpiresAt.ToUnixTimeMilliseconds());
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)token.Label ?? DBNull.Value });
                insert.Parameters.AddWithValue(token.Wearers is not null);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            if (token.Wearers is { } wearers)
            {
                await using var scope = new NpgsqlCommand("INSERT INTO token_wearers (token, wearer) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING", connection, transaction);
                scope.Parameters.AddWithValue(token.Id);
                scope.Parameters.AddWithValue(wearers.Select(w => w.Value).ToArray());
                await scope.ExecuteNonQueryAsync(cancellationToken);
            }
            return await AppendCheckedAsync(connection, transaction, [entry], cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<TokenRecord?> FindTokenAsync(byte[] sha256, CancellationToken cancellationToken = default)
    {
        var tokens = await ReadTokensAsync("WHERE t.sha256 = $1", sha256, cancellationToken);
        return tokens.Count == 1 ? tokens[0] : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TokenRecord>> ListTokensAsync(CancellationToken cancellationToken = default) =>
        await ReadTokensAsync("", null, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RevokeTokenAsync(string tokenId, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            object? found;
            await using (var find = new NpgsqlCommand("SELECT revoked_ms FROM tokens WHERE id = $1 FOR UPDATE", connection, transaction))
            {
                find.Parameters.AddWithValue(tokenId);
                found = await find.ExecuteScalarAsync(cancellationToken);
            }
            if (found is null)
            {
                return false;
            }
            if (found is DBNull)
            {
                await using var revoke = new NpgsqlCommand("UPDATE tokens SET revoked_ms = $2 WHERE id = $1", connection, transaction);
                revoke.Parameters.AddWithValue(tokenId);
                revoke.Parameters.AddWithValue(at.ToUnixTimeMilliseconds());
                await revoke.ExecuteNonQueryAsync(cancellationToken);
                await AppendCheckedAsync(connection, transaction, [new TokenRevoked(tokenId, revokedBy) { At = at }], cancellationToken);
            }
            return true;
        }, cancellationToken);

    private async Task<List<TokenRecord>> ReadTokensAsync(string where, byte[]? sha256, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"""
            SELECT t.id, t.sha256, t.role, t.created_ms, t.revoked_ms, t.expires_ms, t.label, t.scoped,
                   (SELECT array_agg(s.wearer ORDER BY s.wearer) FROM token_wearers s WHERE s.token = t.id)
            FROM tokens t {where} ORDER BY t.created_ms DESC, t.id
            """);
        if (sha256 is not null)
        {
            command.Parameters.AddWithValue(sha256);
        }
        var tokens = new List<TokenRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!Enum.TryParse<Role>(reader.GetString(2), out var role))
            {
                continue; // a role this code does not know grants nothing
            }
            tokens.Add(new TokenRecord(reader.GetString(0), (byte[])reader[1], role, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            {
                ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                Label = reader.IsDBNull(6) ? null : reader.GetString(6),
                Wearers = !reader.GetBoolean(7) ? null : [.. (reader.IsDBNull(8) ? [] : (string[])reader[8]).Select(WearerId.Parse)],
            });
        }
        return tokens;
    }
}
