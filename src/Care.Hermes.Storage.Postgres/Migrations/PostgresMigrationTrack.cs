namespace Care.Hermes.Storage.Postgres.Migrations;

/// <summary>
/// One numbered series of schema scripts of the PostgreSQL backend and the table recording which of
/// them a database has seen (version, name, SHA-256 of the script, when). The ledger's tables keep
/// their own series, as on SQLite; both run through <see cref="PostgresMigrationRunner"/>.
/// </summary>
/// <param name="Name">What the series versions, for messages ("Hermes", "ledger").</param>
/// <param name="VersionTable">The table recording applied versions (a fixed name, never user input).</param>
/// <param name="ResourcePrefix">The embedded resources holding the scripts, <c>PREFIX.NNNN_name.sql</c>.</param>
/// <param name="LockKey">The advisory lock key that serialises migrations of this series across processes.</param>
internal sealed record PostgresMigrationTrack(string Name, string VersionTable, string ResourcePrefix, long LockKey)
{
    /// <summary>The ledger's tables (<c>ledger_*</c>), versioned in <c>ledger_schema</c>.</summary>
    public static PostgresMigrationTrack Ledger { get; } = new("ledger", "ledger_schema", "Care.Hermes.Storage.Postgres.Migrations.Ledger.", 0x4361_7265_4D4C);

    /// <summary>Hermes's tables, versioned in <c>schema_migrations</c>.</summary>
    public static PostgresMigrationTrack Hermes { get; } = new("Hermes", "schema_migrations", "Care.Hermes.Storage.Postgres.Migrations.Hermes.", 0x4361_7265_4D48);
}
