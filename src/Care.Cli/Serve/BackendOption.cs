using System.CommandLine;
using Care.Hermes.Hosting;
using Care.Hermes.Storage.Postgres;
using Care.Hermes.Storage.Sqlite;

namespace Care.Cli.Serve;

/// <summary><c>--postgres</c>: which storage backend Hermes runs on (SQLite file by default), shared by <c>care serve</c> and <c>care bench ingest</c>.</summary>
internal static class BackendOption
{
    /// <summary>The option; null means the embedded SQLite backend.</summary>
    public static Option<string?> Postgres(string description) => new("--postgres") { Description = description, HelpName = "CONNECTION" };

    /// <summary>Hermes's options on PostgreSQL when <paramref name="postgres"/> is given (keys beside <paramref name="database"/>), else on the SQLite file <paramref name="database"/>.</summary>
    public static HermesOptions Options(string? postgres, string database)
    {
        if (postgres is null)
        {
            return SqliteBackend.Options(database);
        }
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new Core.Errors.InvalidInputException("--postgres", "give a connection string, e.g. \"Host=127.0.0.1;Port=5432;Username=care;Database=care\"");
        }
        return PostgresBackend.Options(postgres, database);
    }
}
