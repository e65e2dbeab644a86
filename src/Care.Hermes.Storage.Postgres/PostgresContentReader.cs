using System.Runtime.CompilerServices;
using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;
using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>
/// Rebuilds stored bundles from the <c>bundles</c>, <c>observations</c>, <c>doses</c> and <c>events</c>
/// tables by merging four streams ordered by bundle (one pass over each table, each on its own
/// connection of one REPEATABLE READ snapshot exported by the first, so the four agree). Read-only.
/// </summary>
/// <param name="data">The database.</param>
public sealed class PostgresContentReader(NpgsqlDataSource data) : IStoredContentReader
{
    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredContent> ReadBundlesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var streams = new List<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)>();
        try
        {
            string? snapshot = null;
            for (int i = 0; i < 4; i++)
            {
                var connection = await data.OpenConnectionAsync(cancellationToken);
                var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
                streams.Add((connection, transaction));
                await using var command = new NpgsqlCommand(snapshot is null ? "SELECT pg_export_snapshot()" : $"SET TRANSACTION SNAPSHOT '{snapshot}'", connection, transaction);
                if (snapshot is null)
                {
                    snapshot = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
                }
                else
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            await using var bundles = await ReaderAsync(streams[0], "SELECT b.id, b.uid, b.patch, w.code, b.created_ms, b.wearer FROM bundles b JOIN wearers w ON w.id = b.wearer ORDER BY b.id", cancellationToken);
            await using var observations = await ReaderAsync(streams[1], "SELECT bundle, wearer, sign, time_ms, value FROM observations ORDER BY bundle, time_ms, sign", cancellationToken);
            await using var doses = await ReaderAsync(streams[2], "SELECT bundle, wearer, time_ms, basal_units_per_hour, duration_ms, bolus_units, reason FROM doses ORDER BY bundle, time_ms", cancellationToken);
            await using var events = await ReaderAsync(streams[3], "SELECT bundle, wearer, start_ms, kind, end_ms, value, detail FROM events ORDER BY bundle, start_ms, kind", cancellationToken);
            var o = await Cursor.OpenAsync(observations, cancellationToken);
            var d = await Cursor.OpenAsync(doses, cancellationToken);
            var e = await Cursor.OpenAsync(events, cancellationToken);
            while (await bundles.ReadAsync(cancellationToken))
            {
                long key = bundles.GetInt64(0);
                long wearerKey = bundles.GetInt64(5);
                string? problem = null;
                void Check(NpgsqlDataReader row, string what)
                {
                    if (row.GetInt64(1) != wearerKey)
                    {
                        problem ??= $"a stored {what} row of this bundle is filed under another wearer (row moved)";
                    }
                }
                var obs = new List<Observation>();
                await foreach (var row in o.RowsOfAsync(key, cancellationToken))
                {
                    Check(row, "observation");
                    obs.Add(new Observation((VitalSign)row.GetInt16(2), Time(row.GetInt64(3)), row.GetDouble(4)));
                }
                var dose = new List<DoseDelivery>();
                await foreach (var row in d.RowsOfAsync(key, cancellationToken))
                {
                    Check(row, "dose");
                    dose.Add(new DoseDelivery(Time(row.GetInt64(2)), row.GetDouble(3), TimeSpan.FromMilliseconds(row.GetInt64(4)), row.GetDouble(5), (DoseDeliveryReason)row.GetInt32(6)));
                }
                var ev = new List<PatchEvent>();
                await foreach (var row in e.RowsOfAsync(key, cancellationToken))
                {
                    Check(row, "event");
                    ev.Add(new PatchEvent((PatchEventKind)row.GetInt32(3), Time(row.GetInt64(2)), row.IsDBNull(4) ? null : Time(row.GetInt64(4)),
                        row.IsDBNull(5) ? null : row.GetDouble(5), row.IsDBNull(6) ? null : row.GetString(6)));
                }
                var bundle = new Bundle(bundles.GetGuid(1), PatchId.Parse(bundles.GetString(2)), WearerId.Parse(bundles.GetString(3)), Time(bundles.GetInt64(4)), obs)
                {
                    Doses = dose,
                    Events = ev,
                };
                yield return new StoredContent(bundle, problem);
            }
            foreach (var (cursor, what) in new[] { (o, "observation"), (d, "dose"), (e, "event") })
            {
                await cursor.SkipToEndAsync(cancellationToken);
                foreach (long orphan in cursor.Orphans)
                {
                    yield return new StoredContent(
                        new Bundle(Guid.Empty, PatchId.Parse("unknown"), WearerId.Parse("unknown"), DateTimeOffset.UnixEpoch, []),
                        $"{what} rows point at bundle row {orphan}, which no longer exists (bundle deleted)");
                }
            }
        }
        finally
        {
            foreach (var (connection, transaction) in streams)
            {
                await PostgresHermesStore.SafeDisposeAsync(transaction);
                await connection.DisposeAsync();
            }
        }
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static async Task<NpgsqlDataReader> ReaderAsync((NpgsqlConnection Connection, NpgsqlTransaction Transaction) stream, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, stream.Connection, stream.Transaction);
        return await command.ExecuteReaderAsync(System.Data.CommandBehavior.Default, cancellationToken);
    }

    /// <summary>A forward-only stream of rows ordered by bundle key (column 0).</summary>
    private sealed class Cursor
    {
        private readonly NpgsqlDataReader _reader;

        private Cursor(NpgsqlDataReader reader, bool hasRow)
        {
            _reader = reader;
            HasRow = hasRow;
        }

        public static async Task<Cursor> OpenAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
            new(reader, await reader.ReadAsync(cancellationToken));

        private bool HasRow { get; set; }

        private long Key => _reader.GetInt64(0);

        /// <summary>Bundle keys that rows point at but no bundle row has (in key order, each once).</summary>
        public List<long> Orphans { get; } = [];

        /// <summary>The rows of bundle <paramref name="key"/>; rows of smaller keys have no bundle and are noted in <see cref="Orphans"/>.</summary>
        public async IAsyncEnumerable<NpgsqlDataReader> RowsOfAsync(long key, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            while (HasRow && Key < key)
            {
                await SkipAsync(cancellationToken);
            }
            while (HasRow && Key == key)
            {
                yield return _reader;
                HasRow = await _reader.ReadAsync(cancellationToken);
            }
        }

        /// <summary>Notes every remaining row's bundle as missing.</summary>
        public async Task SkipToEndAsync(CancellationToken cancellationToken)
        {
            while (HasRow)
            {
                await SkipAsync(cancellationToken);
            }
        }

        private async Task SkipAsync(CancellationToken cancellationToken)
        {
            if (Orphans.Count == 0 || Orphans[^1] != Key)
            {
                Orphans.Add(Key);
            }
            HasRow = await _reader.ReadAsync(cancellationToken);
        }
    }
}
