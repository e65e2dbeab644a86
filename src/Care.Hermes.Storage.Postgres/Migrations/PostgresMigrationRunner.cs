using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Care.Hermes.Storage.Postgres.Migrations;

/// <summary>
/// The one migration runner of the PostgreSQL backend. Each numbered script of a
/// <see cref="PostgresMigrationTrack"/> runs in its own transaction together with the row recording it
/// (PostgreSQL's DDL is transactional, so a script is applied whole or not at all), under a
/// transaction-scoped advisory lock so processes opening one database at once apply each script once.
/// Before anything is written it refuses a database whose recorded version is newer than this program's
/// (<see cref="SchemaTooNewException"/>) and one whose record has a gap or a script that changed since
/// it was applied (<see cref="SchemaDamagedException"/>); a script that fails because part of its objects
/// already exist (half-applied outside this runner) is reported as damage too.
/// </summary>
internal static class PostgresMigrationRunner
{
    private static readonly Dictionary<string, IReadOnlyList<PostgresMigration>> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadGate = new();

    /// <summary>The scripts of <paramref name="track"/>, in version order.</summary>
    public static IReadOnlyList<PostgresMigration> Scripts(PostgresMigrationTrack track)
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

    /// <summary>Brings <paramref name="track"/>'s tables up to date on <paramref name="connection"/> (open, no transaction) and returns how many scripts it applied.</summary>
    /// <exception cref="SchemaTooNewException">The database records a newer version; nothing was changed.</exception>
    /// <exception cref="SchemaDamagedException">A gap, a changed script or a half-applied script; nothing was changed.</exception>
    /// <exception cref="PostgresException">A script failed for another reason; its transaction rolled back.</exception>
    public static int Apply(NpgsqlConnection connection, PostgresMigrationTrack track, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(time);
        var scripts = Scripts(track);
        int known = scripts.Count == 0 ? 0 : scripts[^1].Version;
        int applied = 0;
        using (var setup = connection.BeginTransaction())
        {
            Lock(connection, setup, track);
            Execute(connection, setup, $"CREATE TABLE IF NOT EXISTS {track.VersionTable} (version integer PRIMARY KEY, name text NOT NULL, sha256 bytea NOT NULL, applied_ms bigint NOT NULL)");
            Check(connection, setup, track, scripts, known);
            setup.Commit();
        }
        foreach (var script in scripts)
        {
            using var transaction = connection.BeginTransaction();
            Lock(connection, transaction, track);
            // Another process may have migrated (or written a newer schema) since: check again under the lock.
            var recorded = Check(connection, transaction, track, scripts, known);
            if (recorded.ContainsKey(script.Version))
            {
                continue;
            }
            try
            {
                Execute(connection, transaction, script.Sql);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateColumn
                or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.DuplicateFunction or PostgresErrorCodes.DuplicateSchema)
            {
                throw new SchemaDamagedException(
                    $"the {track.Name} migration {script.Version:D4}_{script.Name} found its objects already present without its record ({e.MessageText}): " +
                    "the database holds a half-applied migration; it was rolled back, restore the database from a backup or drop the partial objects", e);
            }
            using (var record = new NpgsqlCommand($"INSERT INTO {track.VersionTable} (version, name, sha256, applied_ms) VALUES ($1, $2, $3, $4)", connection, transaction))
            {
                record.Parameters.AddWithValue(script.Version);
                record.Parameters.AddWithValue(script.Name);
                record.Parameters.AddWithValue(script.Sha256);
                record.Parameters.AddWithValue(time.GetUtcNow().ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }
            transaction.Commit();
            applied++;
        }
        return applied;
    }

    /// <summary>The versions <paramref name="track"/>'s table records, with their scripts' hashes, after refusing a newer, gapped or changed schema.</summary>
    private static Dictionary<int, byte[]> Check(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresMigrationTrack track, IReadOnlyList<PostgresMigration> scripts, int known)
    {
        var recorded = new Dictionary<int, byte[]>();
        using (var read = new NpgsqlCommand($"SELECT version, sha256 FROM {track.VersionTable} ORDER BY version", connection, transaction))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                recorded[reader.GetInt32(0)] = (byte[])reader[1];
            }
        }
        int stored = recorded.Count == 0 ? 0 : recorded.Keys.Max();
        if (stored > known)
        {
            throw new SchemaTooNewException(track.Name, stored, known);
        }
        for (int version = 1; version <= stored; version++)
        {
            if (!recorded.TryGetValue(version, out var hash))
            {
                throw new SchemaDamagedException(
                    $"the {track.Name} tables record schema version {stored} but not version {version}: a half-applied or hand-edited migration; restore the database from a backup");
            }
            var script = scripts[version - 1];
            if (!hash.AsSpan().SequenceEqual(script.Sha256))
            {
                throw new SchemaDamagedException(
                    $"the {track.Name} migration {script.Version:D4}_{script.Name} recorded in the database differs from this program's script of that number: the script was edited after it was applied; restore the original script");
            }
        }
        return recorded;
    }

    /// <summary>The newest version <paramref name="track"/>'s table records (0 for none or no table).</summary>
    public static long StoredVersion(NpgsqlConnection connection, PostgresMigrationTrack track)
    {
        using var newest = new NpgsqlCommand($"SELECT CASE WHEN to_regclass('{track.VersionTable}') IS NULL THEN 0 ELSE (SELECT COALESCE(MAX(version), 0) FROM {track.VersionTable}) END", connection);
        return Convert.ToInt64(newest.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Lock(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresMigrationTrack track)
    {
        using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction);
        command.Parameters.AddWithValue(track.LockKey);
        command.ExecuteNonQuery();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static List<PostgresMigration> Load(string prefix)
    {
        var assembly = typeof(PostgresMigrationRunner).Assembly;
        var scripts = new List<PostgresMigration>();
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
            string sql = reader.ReadToEnd();
            scripts.Add(new PostgresMigration(version, file[(underscore + 1)..], sql, SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n")))));
        }
        return scripts;
    }
}
