using Care.Hermes.Storage;

namespace Care.Hermes.Hosting;

/// <summary>
/// A storage backend of Hermes: one assembly per backend (<c>Care.Hermes.Storage.Sqlite</c>,
/// <c>Care.Hermes.Storage.Postgres</c>) implements it and holds all of that backend's SQL, migrations and
/// migration runner. <see cref="HermesComposition"/> asks it for the store; nothing else in Hermes
/// knows which backend runs.
/// </summary>
public interface IHermesBackend
{
    /// <summary>A short name for messages and logs, e.g. <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Opens (creating and migrating when needed) the store Hermes runs on. Refuses a database written
    /// by a newer schema, and an unreachable or unusable database, with an <see cref="IOException"/>
    /// whose message names the database and the cause.
    /// </summary>
    IHermesStore Open(HermesOptions options, TimeProvider time);

    /// <summary>
    /// Where the store lives, for messages and logs (never a password): the SQLite file by default,
    /// a backend may say more (e.g. PostgreSQL's host, port and database).
    /// </summary>
    string Describe(HermesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(options.DatabasePath);
    }
}
