using Care.Hermes.Hosting;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>
/// The embedded SQLite backend: Hermes's tables and the ledger's in one file at
/// <see cref="HermesOptions.DatabasePath"/> (WAL, full synchronous commits), its signing key beside it.
/// </summary>
public sealed class SqliteBackend : IHermesBackend
{
    private SqliteBackend()
    {
    }

    /// <summary>The backend (it holds no state).</summary>
    public static SqliteBackend Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "sqlite";

    /// <summary>Options for Hermes on the SQLite file <paramref name="databasePath"/>, everything else at its default.</summary>
    public static HermesOptions Options(string databasePath) => new() { DatabasePath = databasePath, Backend = Instance };

    /// <inheritdoc/>
    public IHermesStore Open(HermesOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SqliteHermesStore.Open(options.DatabasePath, time);
    }
}
