using Care.Core.Ids;
using Microsoft.Data.Sqlite;

namespace Care.Kiosk.Exchange.Journal;

/// <summary>
/// The kiosk's journal in one local SQLite file: WAL with <c>synchronous=FULL</c>, so every write
/// that returned survives power loss; each method is one transaction. Schema version 1 (in
/// <c>PRAGMA user_version</c>); a store written by newer code is refused. Not thread safe.
/// </summary>
public sealed class SqliteExchangeJournal : IExchangeJournal, IDisposable
{
    /// <summary>The schema version this code writes.</summary>
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _db;
    private readonly TimeProvider _time;
    private readonly string _where;

    /// <summary>Opens (creating when absent) the journal at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a kiosk journal this code can read (newer schema, not SQLite).</exception>
    public SqliteExchangeJournal(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _where = path;
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            _db.Open();
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
            Migrate();
        }
        catch (SqliteException e)
        {
            _db.Dispose();
            throw new InvalidDataException($"{path}: not a kiosk journal ({e.Message})", e);
        }
        catch
        {
            _db.Dispose();
            throw;
        }
    }

    private void Migrate()
    {
        long version = Scalar("PRAGMA user_version");
        if (version > SchemaVersion)
        {
            throw new InvalidDataException($"{_where}: the kiosk journal has schema version {version}, newer than this kiosk's {SchemaVersion}; update the kiosk software");
        }
        if (version == SchemaVersion)
        {
            return;
        }
        using var tx = _db.BeginTransaction();
        Execute("""
            CREATE TABLE exchanges (
              id TEXT PRIMARY KEY, started INTEGER NOT NULL, request TEXT NOT NULL,
              phase INTEGER NOT NULL, message TEXT NOT NULL);
            CREATE TABLE journal (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, exchange_id TEXT NOT NULL REFERENCES exchanges(id),
              step TEXT NOT NULL, intent INTEGER NOT NULL, detail TEXT NOT NULL, at INTEGER NOT NULL);
            CREATE INDEX journal_exchange ON journal(exchange_id, seq);
            CREATE TABLE queue (
              position INTEGER PRIMARY KEY AUTOINCREMENT, exchange_id TEXT NOT NULL UNIQUE REFERENCES exchanges(id),
              patch TEXT NOT NULL, bytes BLOB NOT NULL, acknowledged TEXT, refusal TEXT);
            PRAGMA user_version = 1;
            """, tx);
        tx.Commit();
    }

    /// <inheritdoc/>
    public bool Begin(ExchangeRequest request, int queueCapacity)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        using var tx = _db.BeginTransaction();
        if (Scalar("SELECT COUNT(*) FROM exchanges WHERE id = $id", tx, ("$id", Id(request.ExchangeId))) > 0)
        {
            return false;
        }
        int pending = (int)Scalar("SELECT COUNT(*) FROM queue WHERE acknowledged IS NULL AND refusal IS NULL", tx);
        if (pending >= queueCapacity)
        {
            throw new ForwardQueueFullException(pending, queueCapacity);
        }
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        Execute("INSERT INTO exchanges (id, started, request, phase, message) VALUES ($id, $now, $req, 0, 'started')", tx,
            ("$id", Id(request.ExchangeId)), ("$now", now), ("$req", ExchangeRequestJson.Write(request)));
        Line(tx, request.ExchangeId, nameof(ExchangePhase.Started), false, "wearer identified; exchange written");
        tx.Commit();
        return true;
    }

    /// <inheritdoc/>
    public ExchangeRecord? Find(Guid exchangeId) =>
        Records("WHERE id = $id", ("$id", Id(exchangeId))).SingleOrDefault();

    /// <inheritdoc/>
    public IReadOnlyList<ExchangeRecord> Unfinished() => Records($"WHERE phase < {(int)ExchangePhase.Held} ORDER BY started, rowid");

    /// <inheritdoc/>
    public IReadOnlyList<ExchangeRecord> Held() => Records($"WHERE phase = {(int)ExchangePhase.Held} ORDER BY started, rowid");

    /// <inheritdoc/>
    public void Intend(Guid exchangeId, string step)
    {
        using var tx = _db.BeginTransaction();
        Line(tx, exchangeId, step, true, "about to take effect");
        tx.Commit();
    }

    /// <inheritdoc/>
    public void Advance(Guid exchangeId, ExchangePhase phase, string message)
    {
        using var tx = _db.BeginTransaction();
        int changed = Execute("UPDATE exchanges SET phase = $phase, message = $msg WHERE id = $id", tx,
            ("$phase", (int)phase), ("$msg", message), ("$id", Id(exchangeId)));
        if (changed != 1)
        {
            throw new InvalidOperationException($"{_where}: no exchange {exchangeId} to advance");
        }
        Line(tx, exchangeId, phase.ToString(), false, message);
        tx.Commit();
    }

    /// <inheritdoc/>
    public bool Enqueue(Guid exchangeId, PatchId patch, byte[] sealedBundle)
    {
        ArgumentNullException.ThrowIfNull(sealedBundle);
        using var tx = _db.BeginTransaction();
        int added = Execute("INSERT OR IGNORE INTO queue (exchange_id, patch, bytes) VALUES ($id, $patch, $bytes)", tx,
            ("$id", Id(exchangeId)), ("$patch", patch.Value), ("$bytes", sealedBundle));
        tx.Commit();
        return added == 1;
    }

    /// <inheritdoc/>
    public QueuedBundle? QueuedFor(Guid exchangeId) => Queue("WHERE exchange_id = $id", ("$id", Id(exchangeId))).SingleOrDefault();

    /// <inheritdoc/>
    public IReadOnlyList<QueuedBundle> Pending() => Queue("WHERE acknowledged IS NULL AND refusal IS NULL ORDER BY position");

    /// <summary>Every queued bundle, acknowledged or not, in queue order (for audits and tests).</summary>
    public IReadOnlyList<QueuedBundle> All() => Queue("ORDER BY position");

    /// <inheritdoc/>
    public void Acknowledge(long position, Guid bundleId)
    {
        using var tx = _db.BeginTransaction();
        Execute("UPDATE queue SET acknowledged = $b WHERE position = $p AND acknowledged IS NULL", tx, ("$b", Id(bundleId)), ("$p", position));
        tx.Commit();
    }

    /// <inheritdoc/>
    public void Refuse(long position, string reason)
    {
        using var tx = _db.BeginTransaction();
        Execute("UPDATE queue SET refusal = $r WHERE position = $p AND acknowledged IS NULL", tx, ("$r", reason), ("$p", position));
        tx.Commit();
    }

    /// <inheritdoc/>
    public IReadOnlyList<JournalLine> Lines(Guid exchangeId)
    {
        using var cmd = Command("SELECT seq, step, intent, detail, at FROM journal WHERE exchange_id = $id ORDER BY seq", null, ("$id", Id(exchangeId)));
        using var r = cmd.ExecuteReader();
        var lines = new List<JournalLine>();
        while (r.Read())
        {
            lines.Add(new JournalLine(r.GetInt64(0), r.GetString(1), r.GetInt64(2) != 0, r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))));
        }
        return lines;
    }

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();

    private void Line(SqliteTransaction tx, Guid exchangeId, string step, bool intent, string detail) =>
        Execute("INSERT INTO journal (exchange_id, step, intent, detail, at) VALUES ($id, $step, $intent, $detail, $at)", tx,
            ("$id", Id(exchangeId)), ("$step", step), ("$intent", intent ? 1 : 0), ("$detail", detail), ("$at", _time.GetUtcNow().ToUnixTimeMilliseconds()));

    private List<ExchangeRecord> Records(string where, params (string, object)[] args)
    {
        using var cmd = Command($"SELECT id, request, phase, message FROM exchanges {where}", null, args);
        using var r = cmd.ExecuteReader();
        var list = new List<ExchangeRecord>();
        while (r.Read())
        {
            long phase = r.GetInt64(2);
            if (!Enum.IsDefined(typeof(ExchangePhase), (int)phase))
            {
                throw new InvalidDataException($"{_where}: exchange {r.GetString(0)} has unknown phase {phase}");
            }
            list.Add(new ExchangeRecord(ExchangeRequestJson.Read(r.GetString(1), $"{_where}: exchange {r.GetString(0)}"), (ExchangePhase)phase, r.GetString(3)));
        }
        return list;
    }

    private List<QueuedBundle> Queue(string where, params (string, object)[] args)
    {
        using var cmd = Command($"SELECT position, exchange_id, patch, bytes, acknowledged, refusal FROM queue {where}", null, args);
        using var r = cmd.ExecuteReader();
        var list = new List<QueuedBundle>();
        while (r.Read())
        {
            list.Add(new QueuedBundle(r.GetInt64(0), Guid.Parse(r.GetString(1)), PatchId.Parse(r.GetString(2)), (byte[])r.GetValue(3),
                r.IsDBNull(4) ? null : Guid.Parse(r.GetString(4)), r.IsDBNull(5) ? null : r.GetString(5)));
        }
        return list;
    }

    private static string Id(Guid id) => id.ToString("D");

    private SqliteCommand Command(string sql, SqliteTransaction? tx, params (string Name, object Value)[] args)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        return cmd;
    }

    private int Execute(string sql, SqliteTransaction? tx = null, params (string, object)[] args)
    {
        using var cmd = Command(sql, tx, args);
        return cmd.ExecuteNonQuery();
    }

    private long Scalar(string sql, SqliteTransaction? tx = null, params (string, object)[] args)
    {
        using var cmd = Command(sql, tx, args);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
