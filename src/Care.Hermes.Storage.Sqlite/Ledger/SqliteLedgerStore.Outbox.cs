using System.Security.Cryptography;
using Care.Hermes.Ledger;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite.Ledger;

/// <summary>The outbox side of the SQLite ledger: pending entries, the sequencer's lease and its batched append.</summary>
public sealed partial class SqliteLedgerStore
{
    /// <summary>The log's signing key, or null when opened without it.</summary>
    internal HybridSigningKey? SigningKey => _key;

    /// <summary>
    /// Writes <paramref name="entry"/> to the outbox inside <paramref name="transaction"/> (in its
    /// promised form) and returns its outbox id. Throws <see cref="ArgumentException"/> naming the field for an invalid entry.
    /// </summary>
    public long Enqueue(LedgerEntry entry, SqliteTransaction transaction, DateTimeOffset committedAt)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(transaction);
        var promised = entry.ToPromisedJson();
        using var insert = Command(transaction, "INSERT INTO ledger_outbox (kind, wearer, promised, committed_ms) VALUES ($k, $w, $p, $t) RETURNING id");
        insert.Parameters.AddWithValue("$k", entry.Kind);
        insert.Parameters.AddWithValue("$w", entry.Wearer is { } w ? w.Value : DBNull.Value);
        insert.Parameters.AddWithValue("$p", promised);
        insert.Parameters.AddWithValue("$t", committedAt.ToUnixTimeMilliseconds());
        return (long)insert.ExecuteScalar()!;
    }

    /// <summary>Up to <paramref name="max"/> committed pending entries, oldest first (SQLite's single writer commits ids in order).</summary>
    public IReadOnlyList<PendingLedgerEntry> ReadPending(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_gate)
        {
            using var read = Command(null, "SELECT id, kind, wearer, promised, committed_ms FROM ledger_outbox ORDER BY id LIMIT $n");
            read.Parameters.AddWithValue("$n", max);
            using var reader = read.ExecuteReader();
            var pending = new List<PendingLedgerEntry>();
            while (reader.Read())
            {
                pending.Add(new PendingLedgerEntry(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    (byte[])reader[3], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
            }
            return pending;
        }
    }

    /// <summary>Number of entries waiting in the outbox.</summary>
    public long PendingCount
    {
        get
        {
            lock (_gate)
            {
                using var count = Command(null, "SELECT COUNT(*) FROM ledger_outbox");
                return (long)count.ExecuteScalar()!;
            }
        }
    }

    /// <summary>Claims or renews the sequencer lease (see <see cref="ILedgerOutboxStore.TryClaimSequencerAsync"/>).</summary>
    public (bool Claimed, string? Holder) TryClaimSequencer(string sequencerId, DateTimeOffset now, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrEmpty(sequencerId);
        lock (_gate)
        {
            using var claim = Command(null, """
                INSERT INTO ledger_sequencer (id, owner, lease_until_ms) VALUES (1, $o, $u)
                ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, lease_until_ms = excluded.lease_until_ms
                WHERE ledger_sequencer.owner = excluded.owner OR ledger_sequencer.lease_until_ms < $now
                """);
            claim.Parameters.AddWithValue("$o", sequencerId);
            claim.Parameters.AddWithValue("$u", (now + lease).ToUnixTimeMilliseconds());
            claim.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            if (claim.ExecuteNonQuery() == 1)
            {
                return (true, null);
            }
            using var holder = Command(null, "SELECT owner, lease_until_ms FROM ledger_sequencer WHERE id = 1");
            using var reader = holder.ExecuteReader();
            return reader.Read()
                ? (false, $"{reader.GetString(0)}, lease until {DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)):O}")
                : (false, "unknown");
        }
    }

    /// <summary>Gives up the lease if <paramref name="sequencerId"/> holds it.</summary>
    public void ReleaseSequencer(string sequencerId)
    {
        lock (_gate)
        {
            using var release = Command(null, "UPDATE ledger_sequencer SET lease_until_ms = 0 WHERE id = 1 AND owner = $o");
            release.Parameters.AddWithValue("$o", sequencerId);
            release.ExecuteNonQuery();
        }
    }

    /// <summary>Every leaf hash in index order.</summary>
    public IEnumerable<byte[]> LeafHashes()
    {
        lock (_gate)
        {
            return Sync().Size is var size and > 0 ? [.. Enumerable.Range(0, checked((int)size)).Select(i => _tree.LeafHash(i))] : [];
        }
    }

    /// <summary>
    /// Appends placed entries and removes their outbox rows in one transaction, after checking the lease
    /// and the log size (see <see cref="ILedgerOutboxStore.AppendSequencedAsync"/>). The transaction is
    /// committed with <c>synchronous=NORMAL</c> (no fsync of its own): the entries' acts were already
    /// durable in the outbox, so a power cut can only undo a suffix of sequencer batches, whose entries
    /// are then pending again and are placed again at the same indexes with the same bytes (same
    /// order, same roots); the next act's or head's FULL commit makes the batch durable, and a head
    /// is only signed over durable entries.
    /// </summary>
    public void AppendSequenced(string sequencerId, IReadOnlyList<LedgerRecord> records, IReadOnlyList<long> outboxIds)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(outboxIds);
        if (records.Count == 0 || records.Count != outboxIds.Count)
        {
            throw new ArgumentException("one outbox id per record, at least one record", nameof(outboxIds));
        }
        lock (_gate)
        {
            Pragma("PRAGMA synchronous = NORMAL");
            try
            {
                using var tx = _connection.BeginTransaction(deferred: false);
                using (var owner = Command(tx, "SELECT owner FROM ledger_sequencer WHERE id = 1"))
                {
                    if (owner.ExecuteScalar() as string != sequencerId)
                    {
                        throw new SequencerConflictException($"sequencer {sequencerId} no longer holds the ledger's lease; nothing appended");
                    }
                }
                using (var size = Command(tx, "SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries"))
                {
                    if ((long)size.ExecuteScalar()! != records[0].Index)
                    {
                        throw new SequencerConflictException($"the log no longer has {records[0].Index} entries (another writer appended); nothing appended");
                    }
                }
                using var insert = Command(tx, "INSERT INTO ledger_entries (idx, kind, wearer, data, leaf_hash, outbox_id, promised_sha256) VALUES ($idx, $kind, $wearer, $data, $leaf, $o, $p)");
                var pIdx = insert.Parameters.Add("$idx", SqliteType.Integer);
                var pKind = insert.Parameters.Add("$kind", SqliteType.Text);
                var pWearer = insert.Parameters.Add("$wearer", SqliteType.Text);
                var pData = insert.Parameters.Add("$data", SqliteType.Blob);
                var pLeaf = insert.Parameters.Add("$leaf", SqliteType.Blob);
                var pOutbox = insert.Parameters.Add("$o", SqliteType.Integer);
                var pPromised = insert.Parameters.Add("$p", SqliteType.Blob);
                insert.Prepare();
                using var remove = Command(tx, "DELETE FROM ledger_outbox WHERE id = $id");
                var pId = remove.Parameters.Add("$id", SqliteType.Integer);
                remove.Prepare();
                for (var i = 0; i < records.Count; i++)
                {
                    var record = records[i];
                    pIdx.Value = record.Index;
                    pKind.Value = record.Kind;
                    pWearer.Value = record.Wearer is { } w ? w : DBNull.Value;
                    pData.Value = record.Data;
                    pLeaf.Value = record.LeafHash;
                    pOutbox.Value = outboxIds[i];
                    pPromised.Value = SHA256.HashData(PromisedForm.Strip(record.Data));
                    insert.ExecuteNonQuery();
                    pId.Value = outboxIds[i];
                    if (remove.ExecuteNonQuery() != 1)
                    {
                        throw new SequencerConflictException($"outbox entry {outboxIds[i]} is no longer pending (already sequenced?); nothing appended");
                    }
                }
                tx.Commit();
                if (_tree.Size == records[0].Index)
                {
                    foreach (var record in records)
                    {
                        _tree.Append(record.LeafHash);
                    }
                }
            }
            finally
            {
                Pragma("PRAGMA synchronous = FULL");
            }
        }
    }

    /// <summary>The index the outbox entry <paramref name="outboxId"/> was given, or null (searched from the newest entry back).</summary>
    public long? FindSequenced(long outboxId)
    {
        lock (_gate)
        {
            using var find = Command(null, "SELECT idx FROM ledger_entries WHERE outbox_id = $o ORDER BY idx DESC LIMIT 1");
            find.Parameters.AddWithValue("$o", outboxId);
            return find.ExecuteScalar() is long index ? index : null;
        }
    }

    /// <summary>The index of the log entry whose promised form hashes to <paramref name="entrySha256"/>, or null.</summary>
    public long? FindPromised(byte[] entrySha256)
    {
        ArgumentNullException.ThrowIfNull(entrySha256);
        lock (_gate)
        {
            using var find = Command(null, "SELECT idx FROM ledger_entries WHERE promised_sha256 = $h ORDER BY idx LIMIT 1");
            find.Parameters.AddWithValue("$h", entrySha256);
            return find.ExecuteScalar() is long index ? index : null;
        }
    }

    /// <summary>Stores a head signed elsewhere (by the sequencer), committed with a full sync; a head of a size already stored is ignored.</summary>
    public void StoreTreeHead(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        lock (_gate)
        {
            InsertHead(head, orIgnore: true);
        }
    }

    private void InsertHead(SignedTreeHead head, bool orIgnore)
    {
        using var insert = Command(null, $"INSERT {(orIgnore ? "OR IGNORE " : "")}INTO ledger_tree_heads (tree_size, root, timestamp_ms, key_id, signature) VALUES ($s, $r, $t, $k, $g)");
        insert.Parameters.AddWithValue("$s", head.TreeSize);
        insert.Parameters.AddWithValue("$r", head.RootHash);
        insert.Parameters.AddWithValue("$t", head.Timestamp.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$k", head.KeyId);
        insert.Parameters.AddWithValue("$g", head.Signature);
        insert.ExecuteNonQuery();
    }

    private void Pragma(string sql)
    {
        using var pragma = Command(null, sql);
        pragma.ExecuteNonQuery();
    }
}
