using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Trust.Ledger.Entries;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>Bearer tokens: hashes only, an expiry, an optional care-team scope; issue and revocation are ledgered.</summary>
public sealed partial class SqliteHermesStore
{
    /// <inheritdoc/>
    public async Task AddTokenAsync(TokenRecord token, string issuedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var entry = new TokenIssued(token.Id, token.Role.ToString().ToLowerInvariant(), token.ExpiresAt,
            token.Wearers is { } scope ? string.Join(',', scope.Select(w => w.Value)) : null, issuedBy) { At = token.CreatedAt };
        await InTransactionAsync(transaction =>
        {
            using (var insert = Command(transaction, """
                INSERT INTO tokens (id, sha256, role, created_ms, revoked_ms, expires_ms, label, scoped)
                VALUES ($id, $h, $r, $c, NULL, $e, $l, $s)
                """))
            {
                insert.Parameters.AddWithValue("$id", token.Id);
                insert.Parameters.AddWithValue("$h", token.Sha256);
                insert.Parameters.AddWithValue("$r", token.Role.ToString());
                insert.Parameters.AddWithValue("$c", token.CreatedAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$e", token.ExpiresAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$l", (object?)token.Label ?? DBNull.Value);
                insert.Parameters.AddWithValue("$s", token.Wearers is null ? 0 : 1);
                insert.ExecuteNonQuery();
            }
            if (token.Wearers is { } wearers)
            {
                using var scope = Command(transaction, "INSERT OR IGNORE INTO token_wearers (token, wearer) VALUES ($t, $w)");
                scope.Parameters.AddWithValue("$t", token.Id);
                var wearer = scope.Parameters.Add("$w", SqliteType.Text);
                foreach (var w in wearers)
                {
                    wearer.Value = w.Value;
                    scope.ExecuteNonQuery();
                }
            }
            AppendChecked(entry, transaction);
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<TokenRecord?> FindTokenAsync(byte[] sha256, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        var tokens = ReadTokens(connection, "WHERE t.sha256 = $h", p => p.AddWithValue("$h", sha256));
        return Task.FromResult(tokens.Count == 1 ? tokens[0] : null);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        return Task.FromResult<IReadOnlyList<TokenRecord>>(ReadTokens(connection, "", _ => { }));
    }

    /// <inheritdoc/>
    public Task<bool> RevokeTokenAsync(string tokenId, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction =>
        {
            using var find = Command(transaction, "SELECT revoked_ms FROM tokens WHERE id = $id");
            find.Parameters.AddWithValue("$id", tokenId);
            var found = find.ExecuteScalar();
            if (found is null)
            {
                return false;
            }
            if (found is DBNull)
            {
                using var revoke = Command(transaction, "UPDATE tokens SET revoked_ms = $t WHERE id = $id");
                revoke.Parameters.AddWithValue("$id", tokenId);
                revoke.Parameters.AddWithValue("$t", at.ToUnixTimeMilliseconds());
                revoke.ExecuteNonQuery();
                AppendChecked(new TokenRevoked(tokenId, revokedBy) { At = at }, transaction);
            }
            return true;
        }, cancellationToken);

    private static List<TokenRecord> ReadTokens(SqliteConnection connection, string where, Action<SqliteParameterCollection> bind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT t.id, t.sha256, t.role, t.created_ms, t.revoked_ms, t.expires_ms, t.label, t.scoped,
                   (SELECT json_group_array(wearer) FROM token_wearers s WHERE s.token = t.id)
            FROM tokens t {where} ORDER BY t.created_ms DESC, t.id
            """;
        bind(command.Parameters);
        var tokens = new List<TokenRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!Enum.TryParse<Role>(reader.GetString(2), out var role))
            {
                continue; // a role this code does not know grants nothing
            }
            var created = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3));
            tokens.Add(new TokenRecord(reader.GetString(0), (byte[])reader[1], role, created,
                reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            {
                // A token without an expiry (none should exist after migration 0007) expires as if just issued with the default.
                ExpiresAt = reader.IsDBNull(5) ? created + TokenIssuer.DefaultLifetime : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                Label = reader.IsDBNull(6) ? null : reader.GetString(6),
                Wearers = reader.GetInt32(7) == 0 ? null
                    : [.. (System.Text.Json.JsonSerializer.Deserialize<string[]>(reader.GetString(8)) ?? []).Select(WearerId.Parse)],
            });
        }
        return tokens;
    }
}
