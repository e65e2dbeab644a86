using Care.Clinical.EarlyWarning;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Alerts;
using Care.Trust.Bundles;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>The ledger side of the store: every act Hermes writes to the ledger, devices, proofs.</summary>
public sealed partial class SqliteHermesStore
{
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
                ack.CommandText = "UPDATE alerts SET acknowledged_ms = $at, acknowledged_by = $by WHERE id = $id AND acknowledged_ms IS NULL";
                ack.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
                ack.Parameters.AddWithValue("$by", tokenId);
                ack.Parameters.AddWithValue("$id", alertId);
                acknowledged = ack.ExecuteNonQuery();
            }
            if (acknowledged > 0)
            {
                // The acknowledgement suppresses re-alerts of its own kind only: NEWS2 and the model keep separate windows.
                using var suppress = _writer.CreateCommand();
                suppress.Transaction = transaction;
                suppress.CommandText = """
                    UPDATE wearers SET
                        suppress_until_ms = CASE WHEN a.kind = 0 THEN MAX(COALESCE(suppress_until_ms, 0), $until) ELSE suppress_until_ms END,
                        suppress_level = CASE WHEN a.kind = 0 THEN MAX(COALESCE(suppress_level, 0), a.level) ELSE suppress_level END,
                        model_suppress_until_ms = CASE WHEN a.kind = 1 THEN MAX(COALESCE(model_suppress_until_ms, 0), $until) ELSE model_suppress_until_ms END,
                        model_suppress_level = CASE WHEN a.kind = 1 THEN MAX(COALESCE(model_suppress_level, 0), a.level) ELSE model_suppress_level END
                    FROM (SELECT wearer, kind, level FROM alerts WHERE id = $id) AS a
                    WHERE wearers.id = a.wearer
                    """;
                suppress.Parameters.AddWithValue("$id", alertId);
                suppress.Parameters.AddWithValue("$until", suppressUntil.ToUnixTimeMilliseconds());
                suppress.ExecuteNonQuery();
            }
            AlertRecord? alert = null;
            using (var read = _writer.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = """
                    SELECT a.id, w.code, a.raised_ms, a.level, a.score, a.reason, a.acknowledged_ms, a.acknowledged_by, a.kind, a.details
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
                _ledger.Append(new AlertAcknowledged(tokenId, role.ToString().ToLowerInvariant(), WearerId.Parse(alert.WearerId), alert.Id, alert.Level.ToName(), alert.Kind.ToName()) { At = at }, transaction);
            }
            transaction.Commit();
            return alert;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
