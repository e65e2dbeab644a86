using System.Runtime.CompilerServices;
using Care.Hermes.Ledger;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Npgsql;
using NpgsqlTypes;

namespace Care.Hermes.Storage.Postgres.Ledger;

/// <summary>
/// The outbox side of the PostgreSQL ledger (ledger migration 0002): pending entries, the sequencer's
/// lease and its batched append. Commit order: every act writes its outbox row inside a transaction
/// that holds the store's writer advisory lock (<see cref="PostgresLedger.WriterLock"/>), so identity
/// ids are drawn in the order the acts commit, and a transaction's rows are visible before its lock is
/// released; a reader therefore always sees a gap-free prefix of the outbox in commit order, and
/// <see cref="ReadPendingAsync"/> needs no lock. The append takes the writer lock too, so an act never
/// sees an entry in neither table. Stateless; thread safe.
/// </summary>
internal static class PostgresLedgerOutbox
{
    /// <summary>
    /// Writes <paramref name="entries"/> to the outbox inside <paramref name="transaction"/> (which holds
    /// the writer lock), in their promised form, and returns their outbox ids in order. Throws
    /// <see cref="ArgumentException"/> naming the field for an invalid entry.
    /// </summary>
    public static async Task<long[]> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LedgerEntry> entries, DateTimeOffset committedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var entry in entries)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO ledger_outbox (kind, wearer, promised, committed_ms, device_id, sequence, model_name)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Kind });
            command.Parameters.Add(Text(entry.Wearer?.Value));
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.ToPromisedJson() });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = committedAt.ToUnixTimeMilliseconds() });
            command.Parameters.Add(Text(entry is BundleAccepted accepted ? accepted.DeviceId : null));
            command.Parameters.Add(entry is BundleAccepted b
                ? new NpgsqlParameter<long> { TypedValue = b.Sequence }
                : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = DBNull.Value });
            command.Parameters.Add(Text(entry is ModelReleased model ? model.ModelName : null));
            batch.BatchCommands.Add(command);
        }
        var ids = new long[entries.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < ids.Length; i++)
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("the outbox insert returned no id");
            }
            ids[i] = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
        }
        return ids;
    }

    /// <summary>Up to <paramref name="max"/> committed pending entries, oldest first (commit order; see the class remarks).</summary>
    public static async Task<IReadOnlyList<PendingLedgerEntry>> ReadPendingAsync(NpgsqlDataSource data, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var read = data.CreateCommand("SELECT id, kind, wearer, promised, committed_ms FROM ledger_outbox ORDER BY id LIMIT $1");
        read.Parameters.AddWithValue((long)max);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var pending = new List<PendingLedgerEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new PendingLedgerEntry(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                (byte[])reader[3], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }
        return pending;
    }

    /// <summary>Number of entries waiting in the outbox.</summary>
    public static async Task<long> PendingCountAsync(NpgsqlDataSource data, CancellationToken cancellationToken)
    {
        await using var count = data.CreateCommand("SELECT COUNT(*) FROM ledger_outbox");
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Claims or renews the sequencer lease (see <see cref="ILedgerOutboxStore.TryClaimSequencerAsync"/>); one statement, so two claimants cannot both win.</summary>
    public static async Task<(bool Claimed, string? Holder)> TryClaimAsync(NpgsqlDataSource data, string sequencerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sequencerId);
        await using (var claim = data.CreateCommand("""
            INSERT INTO ledger_sequencer (id, owner, lease_until_ms) VALUES (1, $1, $2)
            ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, lease_until_ms = excluded.lease_until_ms
            WHERE ledger_sequencer.owner = excluded.owner OR ledger_sequencer.lease_until_ms < $3
            """))
        {
            claim.Parameters.AddWithValue(sequencerId);
            claim.Parameters.AddWithValue((now + lease).ToUnixTimeMilliseconds());
            claim.Parameters.AddWithValue(now.ToUnixTimeMilliseconds());
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return (true, null);
            }
        }
        await using var holder = data.CreateCommand("SELECT owner, lease_until_ms FROM ledger_sequencer WHERE id = 1");
        await using var reader = await holder.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (false, $"{reader.GetString(0)}, lease until {DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)):O}")
            : (false, "unknown");
    }

    /// <summary>Gives up the lease if <paramref name="sequencerId"/> holds it.</summary>
    public static async Task ReleaseAsync(NpgsqlDataSource data, string sequencerId, CancellationToken cancellationToken)
    {
        await using var release = data.CreateCommand("UPDATE ledger_sequencer SET lease_until_ms = 0 WHERE id = 1 AND owner = $1");
        release.Parameters.AddWithValue(sequencerId);
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every leaf hash in index order, streamed.</summary>
    public static async IAsyncEnumerable<byte[]> LeafHashesAsync(NpgsqlDataSource data, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var read = data.CreateCommand("SELECT idx, leaf_hash FROM ledger_entries ORDER BY idx");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        long expected = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            long index = reader.GetInt64(0);
            if (index != expected)
            {
                throw new InvalidDataException($"ledger entry {expected} is missing (next stored entry is {index}); run care ledger verify");
            }
            expected++;
            yield return (byte[])reader[1];
        }
    }

    /// <summary>
    /// Appends placed entries and removes their outbox rows in one transaction holding the writer lock,
    /// after checking the lease and the log size (see <see cref="ILedgerOutboxStore.AppendSequencedAsync"/>):
    /// one statement deletes the outbox rows and inserts the entries they became (with the outbox's
    /// index columns), so an entry is placed only if its row was still pending.
    /// </summary>
    public static async Task AppendSequencedAsync(NpgsqlDataSource data, string sequencerId, IReadOnlyList<LedgerRecord> records, IReadOnlyList<long> outboxIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(outboxIds);
        if (records.Count == 0 || records.Count != outboxIds.Count)
        {
            throw new ArgumentException("one outbox id per record, at least one record", nameof(outboxIds));
        }
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var checks = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({PostgresLedger.WriterLock})"),
                new NpgsqlBatchCommand("SELECT owner FROM ledger_sequencer WHERE id = 1"),
                new NpgsqlBatchCommand("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries"),
            },
        })
        {
            await using var reader = await checks.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            string? owner = await reader.ReadAsync(cancellationToken) ? reader.GetString(0) : null;
            if (owner != sequencerId)
            {
                throw new SequencerConflictException($"sequencer {sequencerId} no longer holds the ledger's lease; nothing appended");
            }
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.GetInt64(0) != records[0].Index)
            {
                throw new SequencerConflictException($"the log no longer has {records[0].Index} entries (another writer appended); nothing appended");
            }
        }
        int n = records.Count;
        var indexes = new long[n];
        var kinds = new string[n];
        var wearers = new string?[n];
        var datas = new byte[n][];
        var leaves = new byte[n][];
        for (var i = 0; i < n; i++)
        {
            indexes[i] = records[i].Index;
            kinds[i] = records[i].Kind;
            wearers[i] = records[i].Wearer;
            datas[i] = records[i].Data;
            leaves[i] = records[i].LeafHash;
        }
        await using (var move = new NpgsqlCommand("""
            WITH gone AS (DELETE FROM ledger_outbox WHERE id = ANY($6) RETURNING id, device_id, sequence, model_name, sha256(promised) AS promised_sha256)
            INSERT INTO ledger_entries (idx, kind, wearer, data, leaf_hash, device_id, sequence, model_name, outbox_id, promised_sha256)
            SELECT u.idx, u.kind, u.wearer, u.data, u.leaf, g.device_id, g.sequence, g.model_name, u.oid, g.promised_sha256
            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[], $5::bytea[], $6::bigint[]) AS u(idx, kind, wearer, data, leaf, oid)
            JOIN gone g ON g.id = u.oid
            """, connection, transaction))
        {
            move.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = indexes });
            move.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = kinds });
            move.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = wearers });
            move.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = datas });
            move.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = leaves });
            move.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. outboxIds] });
            int moved = await move.ExecuteNonQueryAsync(cancellationToken);
            if (moved != n)
            {
                throw new SequencerConflictException($"{n - moved} of {n} outbox entries are no longer pending (already sequenced?); nothing appended");
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The index the outbox entry <paramref name="outboxId"/> was given, or null.</summary>
    public static async Task<long?> FindSequencedAsync(NpgsqlDataSource data, long outboxId, CancellationToken cancellationToken)
    {
        await using var find = data.CreateCommand("SELECT idx FROM ledger_entries WHERE outbox_id = $1");
        find.Parameters.AddWithValue(outboxId);
        return await find.ExecuteScalarAsync(cancellationToken) is long index ? index : null;
    }

    /// <summary>Stores a head signed by the sequencer (a head of a size already stored is ignored).</summary>
    public static async Task StoreTreeHeadAsync(NpgsqlDataSource data, SignedTreeHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        await using var insert = data.CreateCommand("""
            INSERT INTO ledger_tree_heads (tree_size, root, timestamp_ms, key_id, signature) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (tree_size) DO NOTHING
            """);
        insert.Parameters.AddWithValue(head.TreeSize);
        insert.Parameters.AddWithValue(head.RootHash);
        insert.Parameters.AddWithValue(head.Timestamp.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue(head.KeyId);
        insert.Parameters.AddWithValue(head.Signature);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
