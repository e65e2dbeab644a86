using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite.Migrations;

/// <summary>
/// The one migration runner of the SQLite backend. It applies the numbered scripts of a
/// <see cref="MigrationTrack"/> (embedded as <c>Migrations/&lt;Track&gt;/NNNN_name.sql</c>) that a
/// database has not seen yet, each in its own immediate transaction together with the row recording
/// it, so a migration is applied whole or not at all and two processes opening the file at once
/// apply each script once. A database whose recorded version is newer than the newest script this
/// program knows is refused before anything is written (older code must never write a newer schema).
/// </summary>
internal static class SqliteMigrationRunner
{
    private static readonly Dictionary<string, IReadOnlyList<Migration>> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadGate = new();

    /// <summary>The scripts of <paramref name="track"/>, in version order.</summary>
    public static IReadOnlyList<Migration> Scripts(MigrationTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        lock (LoadGate)
        {
            if (!Loaded.TryGetValue(track.ResourcePrefix, out var scripts))
            {
                scripts = Load(track.ResourcePrefix);
                Loaded[track.ResourcePrefix] = scripts;
            }
            return scripts;
        }
    }

    /// <summary>
    /// Brings <paramref name="track"/>'s tables on <paramref name="connection"/> (open, no transaction
    /// in progress) up to date and returns how many scripts it applied.
    /// </summary>
    /// <exception cref="SchemaTooNewException">The database records a newer version than this program knows; nothing was changed.</exception>
    /// <exception cref="SqliteException">A script failed; its transaction rolled back, earlier scripts stay applied.</exception>
    public static int Apply(SqliteConnection connection, MigrationTrack track, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(time);
        var scripts = Scripts(track);
        Execute(connection, null, track.CreateVersionTable);
        long stored = StoredVersion(connection, null, track);
        int known = scripts.Count == 0 ? 0 : scripts[^1].Version;
        if (stored > known)
        {
            throw new SchemaTooNewException(track.Name, stored, known);
        }
        int applied = 0;
        foreach (var script in scripts)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var check = Command(connection, transaction, $"SELECT COUNT(*) FROM {track.VersionTable} WHERE version = $v"))
            {
                check.Parameters.AddWithValue("$v", script.Version);
                if ((long)check.ExecuteScalar()! > 0)
                {
                    continue;
                }
            }
            // Another process may have written a newer schema since the check above: refuse, change nothing.
            if (StoredVersion(connection, transaction, track) is var now && now > known)
            {
                throw new SchemaTooNewException(track.Name, now, known);
            }
            Execute(connection, transaction, script.Sql);
            using (var record = Command(connection, transaction, track.RecordsDetails
                ? $"INSERT INTO {track.VersionTable} (version, name, applied_ms) VALUES ($v, $n, $t)"
                : $"INSERT INTO {track.VersionTable} (version) VALUES ($v)"))
            {
                record.Parameters.AddWithValue("$v", script.Version);
                if (track.RecordsDetails)
                {
                    record.Parameters.AddWithValue("$n", script.Name);
                    record.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
                }
                record.ExecuteNonQuery();
            }
            transaction.Commit();
            applied++;
        }
        return applied;
    }

    /// <summary>The newest version <paramref name="track"/>'s table records on <paramref name="connection"/> (0 for none).</summary>
    public static long StoredVersion(SqliteConnection connection, SqliteTransaction? transaction, MigrationTrack track)
    {
        using var newest = Command(connection, transaction, $"SELECT COALESCE(MAX(version), 0) FROM {track.VersionTable}");
        return Convert.ToInt64(newest.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static List<Migration> Load(string prefix)
    {
        var assembly = typeof(SqliteMigrationRunner).Assembly;
        var scripts = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string file = resource[prefix.Length..^".sql".Length];
            int underscore = file.IndexOf('_', StringComparison.Ordinal);
            int version = int.Parse(file.AsSpan(0, underscore), CultureInfo.InvariantCulture);
            if (version != scripts.Count + 1)
            {
                throw new InvalidOperationException($"migration scripts under {prefix} must be numbered 1, 2, 3, … without gaps; found {file} after version {scripts.Count}");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Migration(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }
        return scripts;
    }
}
