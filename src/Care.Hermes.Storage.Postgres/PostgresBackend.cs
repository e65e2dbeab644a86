using Care.Hermes.Hosting;

namespace Care.Hermes.Storage.Postgres;

/// <summary>
/// The PostgreSQL backend: Hermes's tables and the ledger's in one PostgreSQL database (the connection
/// string's), the ledger's signing key and Hermes's recipient key in files beside
/// <see cref="HermesOptions.DatabasePath"/> (a key path prefix on this backend, e.g. <c>/var/lib/care/hermes</c>).
/// </summary>
/// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Username=care;Database=care</c>.</param>
public sealed class PostgresBackend(string connectionString) : IHermesBackend
{
    /// <summary>The connection string the store opens.</summary>
    public string ConnectionString { get; } = string.IsNullOrWhiteSpace(connectionString)
        ? throw new ArgumentException("give a PostgreSQL connection string, e.g. Host=127.0.0.1;Port=5432;Username=care;Database=care", nameof(connectionString))
        : connectionString;

    /// <inheritdoc/>
    public string Name => "postgres";

    /// <summary>Options for Hermes on <paramref name="connectionString"/> with its key files at <paramref name="keyPath"/>, everything else at its default.</summary>
    public static HermesOptions Options(string connectionString, string keyPath) =>
        new() { DatabasePath = keyPath, Backend = new PostgresBackend(connectionString) };

    /// <summary>Where the store lives, for messages: the server and database (never a password) and where the keys are.</summary>
    public string Describe(HermesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"{PostgresHermesStore.Describe(ConnectionString)} (keys beside {Path.GetFullPath(options.DatabasePath)})";
    }

    /// <inheritdoc/>
    public IHermesStore Open(HermesOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PostgresHermesStore.Open(ConnectionString, options.DatabasePath, time);
    }
}
