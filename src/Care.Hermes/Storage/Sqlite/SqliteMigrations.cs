using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>
/// Applies the numbered schema scripts embedded in this assembly (<c>Migrations/NNNN_name.sql</c>)
/// that a database has not seen yet, each in its own transaction, recording it in
/// <c>schema_migrations</c>. Safe to run from several processes at once.
/// </summary>
internal static class SqliteMigrations
{
    private const string Prefix = "Care.Hermes.Migrations.";

    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    public static int Apply(SqliteConnection connection, TimeProvider time)
    {
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)");
        using (var newest = connection.CreateCommand())
        {
            newest.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
            long stored = (long)newest.ExecuteScalar()!;
            int known = All.Count == 0 ? 0 : All[^1].Version;
            if (stored > known)
            {
                throw new InvalidOperationException($"the database is at schema version {stored}, newer than this program's {known}; upgrade Care (never open a newer database with older code)");
            }
        }
        int applied = 0;
        foreach (var (version, name, sql) in All)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = $v";
                check.Parameters.AddWithValue("$v", version);
                if ((long)check.ExecuteScalar()! > 0)
                {
                    continue;
                }
            }
            Execute(connection, transaction, sql);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($v, $n, $t)";
                record.Parameters.AddWithValue("$v", version);
                record.Parameters.AddWithValue("$n", name);
                record.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }
            transaction.Commit();
            applied++;
        }
        return applied;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string file = resource[Prefix.Length..^".sql".Length];
            int underscore = file.IndexOf('_', StringComparison.Ordinal);
            int version = int.Parse(file.AsSpan(0, underscore), System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((version, file[(underscore + 1)..], reader.ReadToEnd()));
        }
        return scripts;
    }
}
