using System.Security.Cryptography;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Trust.Bundles;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>The ledger side of the store: every act Hermes writes to the ledger, devices, proofs.</summary>
public sealed partial class SqliteHermesStore
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
        return InTransactionAsync(transaction =>
        {
            foreach (var wearer in wearers.Distinct())
            {
                AppendChecked(new RecordAccessed(tokenId, roleName, wearer, action) { At = at }, transaction);
            }
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task RegisterDeviceAsync(DeviceEnrolment enrolment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        // The trust library's registry holds the rules (hybrid only, classical-only refused with the reason).
        new DeviceRegistry().Register(enrolment.DeviceId, enrolment.Algorithm, enrolment.PublicKey);
        var entry = new DeviceRegistered(enrolment.DeviceId, enrolment.Wearer, enrolment.KioskId, enrolment.Algorithm,
            Convert.ToHexStringLower(SHA256.HashData(enrolment.PublicKey)), enrolment.RegisteredBy) { At = enrolment.At };
        await InTransactionAsync(transaction =>
        {
            using var insert = Command(transaction, """
                INSERT INTO devices (id, algorithm, public_key, registered_ms, wearer, kiosk) VALUES ($id, $a, $k, $t, $w, $kiosk)
                ON CONFLICT (id) DO NOTHING
                """);
            insert.Parameters.AddWithValue("$id", enrolment.DeviceId);
            insert.Parameters.AddWithValue("$a", enrolment.Algorithm);
            insert.Parameters.AddWithValue("$k", enrolment.PublicKey);
            insert.Parameters.AddWithValue("$t", enrolment.At.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$w", enrolment.Wearer.Value);
            insert.Parameters.AddWithValue("$kiosk", enrolment.KioskId);
            if (insert.ExecuteNonQuery() == 0)
            {
                throw new InvalidInputException("deviceId", $"device '{enrolment.DeviceId}' is already registered");
            }
            AppendChecked(entry, transaction);
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> EndDeviceAsync(string deviceId, DeviceEnd reason, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        string column = reason == DeviceEnd.Revoked ? "revoked_ms" : "retired_ms";
        return await InTransactionAsync(transaction =>
        {
            using var find = Command(transaction, $"SELECT wearer, {column} FROM devices WHERE id = $id");
            find.Parameters.AddWithValue("$id", deviceId);
            string? wearer;
            using (var reader = find.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return false;
                }
                if (!reader.IsDBNull(1))
                {
                    return true;
                }
                wearer = reader.IsDBNull(0) ? null : reader.GetString(0);
            }
            using var update = Command(transaction, $"UPDATE devices SET {column} = $t WHERE id = $id");
            update.Parameters.AddWithValue("$id", deviceId);
            update.Parameters.AddWithValue("$t", at.ToUnixTimeMilliseconds());
            update.ExecuteNonQuery();
            if (wearer is not null)
            {
                AppendChecked(new DeviceRetired(deviceId, WearerId.Parse(wearer), reason == DeviceEnd.Revoked ? "revoked" : "retired", by) { At = at }, transaction);
            }
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task RecordRefusalAsync(BundleRefused refusal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        byte[] sealedHash = Convert.FromHexString(refusal.SealedSha256);
        return InTransactionAsync(transaction =>
        {
            using var seen = Command(transaction, "SELECT 1 FROM bundle_refusals WHERE sealed_sha256 = $h");
            seen.Parameters.AddWithValue("$h", sealedHash);
            if (seen.ExecuteScalar() is not null)
            {
                return 0;
            }
            long index = AppendChecked(refusal, transaction);
            using var insert = Command(transaction, "INSERT INTO bundle_refusals (sealed_sha256, ledger_idx) VALUES ($h, $i)");
            insert.Parameters.AddWithValue("$h", sealedHash);
            insert.Parameters.AddWithValue("$i", index);
            insert.ExecuteNonQuery();
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<LedgerPage> ProveWearerAsync(WearerId wearer, long after, int limit, CancellationToken cancellationToken = default)
    {
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        return await WriteLockedAsync(() => _ledger.ProveFor(wearer, after, limit), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SignedTreeHead?> PublishTreeHeadIfDueAsync(TimeSpan minInterval, CancellationToken cancellationToken = default) =>
        Sequencer.SignTreeHeadIfDueAsync(minInterval, cancellationToken);

    /// <inheritdoc/>
    public Task<SignedTreeHead> PublishTreeHeadAsync(CancellationToken cancellationToken = default) =>
        Sequencer.SignTreeHeadAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<SignedTreeHead?> LatestTreeHeadAsync(CancellationToken cancellationToken = default) =>
        WriteLockedAsync(_ledger.LatestTreeHead, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long from, long to, CancellationToken cancellationToken = default)
    {
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        return await WriteLockedAsync(() => _ledger.ConsistencyProof(from, to), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<long> LedgerSizeAsync(CancellationToken cancellationToken = default)
    {
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        return await WriteLockedAsync(() => _ledger.Size, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<long> ReleaseModelAsync(string name, string version, string sha256Hex, string releasedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        AppendToLedgerAsync(new ModelReleased(name, version, sha256Hex, releasedBy) { At = at }, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The entry goes through the outbox like every act; this call awaits its inclusion and returns its log index.</remarks>
    public async Task<long> AppendToLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        long outboxId = await InTransactionAsync(transaction => AppendChecked(entry, transaction), cancellationToken);
        return await Sequencer.AwaitInclusionAsync(outboxId, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ProvenRecord?> ProveLatestAsync(string kind, WearerId wearer, CancellationToken cancellationToken = default)
    {
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        return await ProveNewestAsync("SELECT idx FROM ledger_entries WHERE kind = $k AND wearer = $w ORDER BY idx DESC LIMIT 1", p =>
        {
            p.AddWithValue("$k", kind);
            p.AddWithValue("$w", wearer.Value);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ProvenRecord?> LatestModelAsync(string name, CancellationToken cancellationToken = default)
    {
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        return await ProveNewestAsync("""
            SELECT idx FROM ledger_entries
            WHERE kind = 'ModelReleased' AND json_extract(CAST(data AS TEXT), '$.modelName') = $n
            ORDER BY idx DESC LIMIT 1
            """, p => p.AddWithValue("$n", name), cancellationToken);
    }

    private Task<ProvenRecord?> ProveNewestAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken) =>
        WriteLockedAsync(() =>
        {
            using var find = Command(null, sql);
            bind(find.Parameters);
            return find.ExecuteScalar() is long index ? new ProvenRecord(_ledger.Read(index), _ledger.Prove(index)) : null;
        }, cancellationToken);

    /// <summary>Writes an entry to the outbox in <paramref name="transaction"/> (returns its outbox id), turning an invalid field into a client error that names it.</summary>
    private long AppendChecked(LedgerEntry entry, SqliteTransaction transaction)
    {
        try
        {
            return _ledger.Enqueue(entry, transaction, _time.GetUtcNow());
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(entry.Kind, e.Message);
        }
    }
}
