namespace Care.Hermes.Storage.Sqlite.Migrations;

/// <summary>
/// One numbered series of schema scripts and the table that records which of them a database has
/// seen. The ledger's tables have their own series (a ledger can live in a file of its own, e.g. a
/// witness's copy); Hermes's series builds on it in the same file. Both run through
/// <see cref="SqliteMigrationRunner"/>.
/// </summary>
/// <param name="Name">What the series versions, for messages (e.g. "Hermes", "ledger").</param>
/// <param name="VersionTable">The table recording applied versions (a fixed name, never user input).</param>
/// <param name="CreateVersionTable">The DDL creating <paramref name="VersionTable"/> when missing.</param>
/// <param name="RecordsDetails">True when the table has <c>name</c> and <c>applied_ms</c> columns besides <c>version</c>.</param>
/// <param name="ResourcePrefix">The embedded resources holding the scripts, <c>PREFIX.NNNN_name.sql</c>.</param>
internal sealed record MigrationTrack(string Name, string VersionTable, string CreateVersionTable, bool RecordsDetails, string ResourcePrefix)
{
    /// <summary>The ledger's tables (<c>ledger_*</c>), versioned in <c>ledger_schema</c> as before the split.</summary>
    public static MigrationTrack Ledger { get; } = new(
        "ledger", "ledger_schema", "CREATE TABLE IF NOT EXISTS ledger_schema (version INTEGER NOT NULL)", RecordsDetails: false, "Care.Hermes.Storage.Sqlite.Migrations.Ledger.");

    /// <summary>Hermes's tables (wearers, bundles, observations, alerts, devices, tokens, …), versioned in <c>schema_migrations</c>.</summary>
    public static MigrationTrack Hermes { get; } = new(
        "Hermes", "schema_migrations", "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)", RecordsDetails: true, "Care.Hermes.Storage.Sqlite.Migrations.Hermes.");
}
