using System.Security.Cryptography;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Storage.Postgres.Ledger;
using Care.Trust.Bundles;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>The ledger side of the store: every act Hermes writes to the ledger, devices, proofs.</summary>
public sealed partial class PostgresHermesStore
{
    /// <inheritdoc/>
    public Task RecordAccessAsync(string tokenId, Role role, IReadOnlyCollection<WearerId> wearers, DateTimeOffset at, string action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wearers);
        if (wearers.Count == 0)
        {
            return Task.CompletedTask;
        }
        string roleName = role.ToString().ToLowerInvariant();
        LedgerEntry[] entries = [.. wearers.Distinct().Select(w => new RecordAccessed(tokenId, roleName, w, action) { At = at })];
        return InTransactionAsync((c, t) => AppendCheckedAsync(c, t, entries, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task RegisterDeviceAsync(DeviceEnrolment enrolment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        // The trust library's registry holds the rules (hybrid only, classical-only refused with the reason).
        new DeviceRegistry().Register(enrolment.DeviceId, enrolment.Algorithm, enrolment.PublicKey);
        var entry = new DeviceRegistered(enrolment.DeviceId, enrolment.Wearer, enrolment.KioskId, enrolment.Algorithm,
            Convert.ToHexStringLower(SHA256.HashData(enrolment.PublicKey)), enrolment.RegisteredBy) { At = enrolment.At };
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO devices (id, algorithm, public_key, registered_ms, wearer, kiosk) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (id) DO NOTHING
                """, connection, transaction))
            {
                insert.Parameters.AddWithValue(enrolment.DeviceId);
                insert.Parameters.AddWithValue(enrolment.Algorithm);
                insert.Parameters.AddWithValue(enrolment.PublicKey);
                insert.Parameters.AddWithValue(enrolment.At.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue(enrolment.Wearer.Value);
                insert.Parameters.AddWithValue(enrolment.KioskId);
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    throw new InvalidInputException("deviceId", $"device '{enrolment.DeviceId}' is already registered");
                }
            }
            return await AppendCheckedAsync(connection, transaction, [entry], cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> EndDeviceAsync(string deviceId, DeviceEnd reason, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        string column = reason == DeviceEnd.Revoked ? "revoked_ms" : "retired_ms";
        return InTransactionAsync(async (connection, transaction) =>
        {
            string? wearer;
            await using (var find = new NpgsqlCommand($"SELECT wearer, {column} FROM devices WHERE id = $1 FOR UPDATE", connection, transaction))
            {
                find.Parameters.AddWithValue(deviceId);
                await using var reader = await find.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return false;
                }
                if (!reader.IsDBNull(1))
                {
                    return true;
                }
                wearer = reader.IsDBNull(0) ? null : reader.GetString(0);
            }
            await using (var update = new NpgsqlCommand($"UPDATE devices SET {column} = $2 WHERE id = $1", connection, transaction))
            {
                update.Parameters.AddWithValue(deviceId);
                update.Parameters.AddWithValue(at.ToUnixTimeMilliseconds());
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            if (wearer is not null)
            {
                await AppendCheckedAsync(connection, transaction,
                    [new DeviceRetired(deviceId, WearerId.Parse(wearer), reason == DeviceEnd.Revoked ? "revoked" : "retired", by) { At = at }], cancellationToken);
            }
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task RecordRefusalAsync(BundleRefused refusal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        byte[] sealedHash = Convert.FromHexString(refusal.SealedSha256);
        return InTransactionAsync(async (connection, transaction) =>
        {
            await using (var seen = new NpgsqlCommand("SELECT 1 FROM bundle_refusals WHERE sealed_sha256 = $1", connection, transaction))
            {
                seen.Parameters.AddWithValue(sealedHash);
                if (await seen.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    return 0L;
                }
            }
            long index = await AppendCheckedAsync(connection, transaction, [refusal], cancellationToken);
            await using var insert = new NpgsqlCommand("INSERT INTO bundle_refusals (sealed_sha256, ledger_idx) VALUES ($1, $2)", connection, transaction);
            insert.Parameters.AddWithValue(sealedHash);
            insert.Parameters.AddWithValue(index);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return index;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<LedgerPage> ProveWearerAsync(WearerId wearer, long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(after, -1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        // One snapshot for the head and the entries, so the page is consistent with its head.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var head = await PostgresLedger.LatestHeadAsync(connection, transaction, cancellationToken);
        var records = new List<LedgerRecord>();
        await using (var read = new NpgsqlCommand($"{PostgresLedger.RecordColumns} WHERE wearer = $1 AND idx > $2 ORDER BY idx LIMIT $3", connection, transaction))
        {
            read.Parameters.AddWithValue(wearer.Value);
            read.Parameters.AddWithValue(after);
            read.Parameters.AddWithValue((long)limit + 1);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(PostgresLedger.ReadRecord(reader));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        bool more = records.Count > limit;
        if (more)
        {
            records.RemoveAt(limit);
        }
        var proven = new List<InclusionProofDocument>();
        var pending = new List<LedgerRecord>();
        var proofs = head is null ? [] : await _ledger.WithTreeAsync(connection, head.TreeSize, tree =>
            records.Where(r => r.Index < head.TreeSize).Select(r => tree.InclusionProof(r.Index, head.TreeSize)).ToList(), cancellationToken);
        int next = 0;
        foreach (var record in records)
        {
            if (head is not null && record.Index < head.TreeSize)
            {
                proven.Add(new InclusionProofDocument(record.Index, record.Data, record.LeafHash, head, proofs[next++]));
            }
            else
            {
                pending.Add(record);
            }
        }
        return new LedgerPage(proven, pending, head, more ? records[^1].Index : null);
    }

    /// <inheritdoc/>
    public Task<SignedTreeHead?> PublishTreeHeadIfDueAsync(TimeSpan minInterval, CancellationToken cancellationToken = default) =>
        Sequencer.SignTreeHeadIfDueAsync(minInterval, cancellationToken);

    /// <inheritdoc/>
    public Task<SignedTreeHead> PublishTreeHeadAsync(CancellationToken cancellationToken = default) =>
        Sequencer.SignTreeHeadAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<SignedTreeHead?> LatestTreeHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        return await PostgresLedger.LatestHeadAsync(connection, null, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long from, long to, CancellationToken cancellationToken = default)
    {
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        long size = await PostgresLedger.SizeAsync(connection, null, cancellationToken);
        if (from < 1 || from > to || to > size)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"a consistency proof needs 1 ≤ from ≤ to ≤ {size} entries; got {from} and {to}");
        }
        return await _ledger.WithTreeAsync(connection, to, tree => tree.ConsistencyProof(from, to), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<long> LedgerSizeAsync(CancellationToken cancellationToken = default)
    {
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        return await PostgresLedger.SizeAsync(connection, null, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<long> ReleaseModelAsync(string name, string version, string sha256Hex, string releasedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        AppendToLedgerAsync(new ModelReleased(name, version, sha256Hex, releasedBy) { At = at }, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The entry goes through the outbox like every act; this call awaits its inclusion and returns its log index.</remarks>
    public async Task<long> AppendToLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        long outboxId = await InTransactionAsync((c, t) => AppendCheckedAsync(c, t, [entry], cancellationToken), cancellationToken);
        return await Sequencer.AwaitInclusionAsync(outboxId, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ProvenRecord?> ProveLatestAsync(string kind, WearerId wearer, CancellationToken cancellationToken = default)
    {
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        return await ProveNewestAsync("SELECT idx FROM ledger_entries WHERE kind = $1 AND wearer = $2 ORDER BY idx DESC LIMIT 1", [kind, wearer.Value], cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ProvenRecord?> LatestModelAsync(string name, CancellationToken cancellationToken = default)
    {
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        return await ProveNewestAsync("SELECT idx FROM ledger_entries WHERE kind = 'ModelReleased' AND model_name = $1 ORDER BY idx DESC LIMIT 1", [name], cancellationToken);
    }

    private async Task<ProvenRecord?> ProveNewestAsync(string sql, object[] arguments, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        // One statement, so the entry and the newest head come from one snapshot in one round trip
        // (it was a repeatable-read transaction of four; a proof's time is round trips, docs/benchmarks.md).
        LedgerRecord? record = null;
        SignedTreeHead? head = null;
        await using (var find = new NpgsqlCommand($"""
            SELECT e.idx, e.kind, e.wearer, e.data, e.leaf_hash, h.tree_size, h.root, h.timestamp_ms, h.key_id, h.signature
            FROM ledger_entries e
            LEFT JOIN LATERAL (SELECT tree_size, root, timestamp_ms, key_id, signature FROM ledger_tree_heads ORDER BY tree_size DESC LIMIT 1) h ON true
            WHERE e.idx = ({sql})
            """, connection))
        {
            foreach (var argument in arguments)
            {
                find.Parameters.AddWithValue(argument);
            }
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                record = PostgresLedger.ReadRecord(reader);
                head = reader.IsDBNull(5) ? null
                    : new SignedTreeHead(reader.GetInt64(5), (byte[])reader[6], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)), reader.GetString(8), (byte[])reader[9]);
            }
        }
        if (record is null)
        {
            return null;
        }
        if (head is null || head.TreeSize <= record.Index)
        {
            return new ProvenRecord(record, null);
        }
        var path = await _ledger.WithTreeAsync(connection, head.TreeSize, tree => tree.InclusionProof(record.Index, head.TreeSize), cancellationToken);
        return new ProvenRecord(record, new InclusionProofDocument(record.Index, record.Data, record.LeafHash, head, path));
    }

    /// <summary>
    /// Writes entries to the outbox in the caller's transaction (which holds the writer lock), turning an
    /// invalid field into a client error that names it; returns the last one's outbox id.
    /// </summary>
    internal async Task<long> AppendCheckedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            return (await PostgresLedgerOutbox.EnqueueAsync(connection, transaction, entries, _time.GetUtcNow(), cancellationToken))[^1];
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(entries[0].Kind, e.Message);
        }
    }
}
