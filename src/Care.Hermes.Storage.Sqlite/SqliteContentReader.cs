using System.Runtime.CompilerServices;
using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>
/// Rebuilds stored bundles from the <c>bundles</c>, <c>observations</c>, <c>doses</c> and
/// <c>events</c> tables by merging four streams ordered by bundle (one pass over each table). The
/// caller owns the (read-only) connection.
/// </summary>
/// <param name="connection">An open connection to a Hermes database.</param>
public sealed class SqliteContentReader(SqliteConnection connection) : IStoredContentReader
{
    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredContent> ReadBundlesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var bundles = Reader("SELECT b.id, b.uid, b.patch, w.code, b.created_ms, b.wearer FROM bundles b JOIN wearers w ON w.id = b.wearer ORDER BY b.id");
        using var observations = Reader("SELECT bundle, wearer, sign, time_ms, value FROM observations ORDER BY bundle");
        using var doses = Reader("SELECT bundle, wearer, time_ms, basal_units_per_hour, duration_ms, bolus_units, reason FROM doses ORDER BY bundle");
        using var events = Reader("SELECT bundle, wearer, start_ms, kind, end_ms, value, detail FROM events ORDER BY bundle");
        var o = new Cursor(observations);
        var d = new Cursor(doses);
        var e = new Cursor(events);
        while (await bundles.ReadAsync(cancellationToken))
        {
            long key = bundles.GetInt64(0);
            long wearerKey = bundles.GetInt64(5);
            string? problem = null;
            void Check(SqliteDataReader row, string what)
            {
                if (row.GetInt64(1) != wearerKey)
                {
                    problem ??= $"a stored {what} row of this bundle is filed under another wearer (row moved)";
                }
            }
            var obs = new List<Observation>();
            foreach (var row in o.RowsOf(key))
            {
                Check(row, "observation");
                obs.Add(new Observation((VitalSign)row.GetInt32(2), Time(row.GetInt64(3)), row.GetDouble(4)));
            }
            var dose = new List<DoseDelivery>();
            foreach (var row in d.RowsOf(key))
            {
                Check(row, "dose");
                dose.Add(new DoseDelivery(Time(row.GetInt64(2)), row.GetDouble(3), TimeSpan.FromMilliseconds(row.GetInt64(4)), row.GetDouble(5), (DoseDeliveryReason)row.GetInt32(6)));
            }
            var ev = new List<PatchEvent>();
            foreach (var row in e.RowsOf(key))
            {
                Check(row, "event");
                ev.Add(new PatchEvent((PatchEventKind)row.GetInt32(3), Time(row.GetInt64(2)), row.IsDBNull(4) ? null : Time(row.GetInt64(4)),
                    row.IsDBNull(5) ? null : row.GetDouble(5), row.IsDBNull(6) ? null : row.GetString(6)));
            }
            var bundle = new Bundle(new Guid((byte[])bundles[1]), PatchId.Parse(bundles.GetString(2)), WearerId.Parse(bundles.GetString(3)), Time(bundles.GetInt64(4)), obs)
            {
                Doses = dose,
                Events = ev,
            };
            yield return new StoredContent(bundle, problem);
        }
        foreach (var (cursor, what) in new[] { (o, "observation"), (d, "dose"), (e, "event") })
        {
            cursor.SkipToEnd();
            foreach (long orphan in cursor.Orphans)
            {
                yield return Orphan(orphan, what);
            }
        }
    }

    /// <summary>Rows whose bundle no longer exists: reported as a bundle-less placeholder so the audit names them.</summary>
    private static StoredContent Orphan(long bundleKey, string what) =>
        new(new Bundle(Guid.Empty, PatchId.Parse("unknown"), WearerId.Parse("unknown"), DateTimeOffset.UnixEpoch, []),
            $"{what} rows point at bundle row {bundleKey}, which no longer exists (bundle deleted)");

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>A reader that owns its command: disposing a command closes its reader, so they go together.</summary>
    private SqliteDataReader Reader(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader(System.Data.CommandBehavior.Default);
    }

    /// <summary>A forward-only stream of rows ordered by bundle key (column 0).</summary>
    private sealed class Cursor
    {
        private readonly SqliteDataReader _reader;

        public Cursor(SqliteDataReader reader)
        {
            _reader = reader;
            HasRow = reader.Read();
        }

        public bool HasRow { get; private set; }

        public long Key => _reader.GetInt64(0);

        /// <summary>Bundle keys that rows point at but no bundle row has (in key order, each once).</summary>
        public List<long> Orphans { get; } = [];

        /// <summary>The rows of bundle <paramref name="key"/>; rows of smaller keys have no bundle and are noted in <see cref="Orphans"/>.</summary>
        public IEnumerable<SqliteDataReader> RowsOf(long key)
        {
            while (HasRow && Key < key)
            {
                Skip();
            }
            while (HasRow && Key == key)
            {
                yield return _reader;
                HasRow = _reader.Read();
            }
        }

        /// <summary>Notes every remaining row's bundle as missing.</summary>
        public void SkipToEnd()
        {
            while (HasRow)
            {
                Skip();
            }
        }

        private void Skip()
        {
            if (Orphans.Count == 0 || Orphans[^1] != Key)
            {
                Orphans.Add(Key);
            }
            HasRow = _reader.Read();
        }
    }
}
