using Care.Trust.Bundles;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite.Ledger;

/// <summary>
/// Replay protection that survives restarts, read from the ledger itself: the last accepted sequence
/// of a device is the largest <c>sequence</c> of its <c>BundleAccepted</c> entries, in the log (an index of schema
/// v2 serves the lookup) or still in the outbox. It writes nothing: the caller opens the bundle inside its write
/// transaction, stores what it must and appends the <c>BundleAccepted</c> entry in that same
/// transaction, so the sequence, the content and the ledger entry commit or vanish together, and
/// SQLite's single writer keeps two uploads of one sequence from both committing.
/// </summary>
/// <param name="connection">The open connection of the ledger.</param>
/// <param name="transaction">The caller's write transaction (should be IMMEDIATE), or null to read committed state.</param>
public sealed class LedgerSequenceTracker(SqliteConnection connection, SqliteTransaction? transaction) : ISequenceTracker
{
    /// <inheritdoc/>
    public long? LastSeen(string deviceId)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = """
            SELECT MAX(s) FROM (
                SELECT MAX(json_extract(CAST(data AS TEXT), '$.sequence')) AS s FROM ledger_entries
                WHERE kind = 'BundleAccepted' AND json_extract(CAST(data AS TEXT), '$.deviceId') = $device
                UNION ALL
                SELECT MAX(json_extract(CAST(promised AS TEXT), '$.sequence')) FROM ledger_outbox
                WHERE kind = 'BundleAccepted' AND json_extract(CAST(promised AS TEXT), '$.deviceId') = $device)
            """;
        read.Parameters.AddWithValue("$device", deviceId);
        return read.ExecuteScalar() is long last ? last : null;
    }

    /// <inheritdoc/>
    public bool TryAdvance(string deviceId, long sequence) => LastSeen(deviceId) is not { } last || sequence > last;
}
