namespace Care.Hermes.Storage.Postgres.Migrations;

/// <summary>One numbered schema script of the PostgreSQL backend.</summary>
/// <param name="Version">Its number (1, 2, 3, … without gaps within its track).</param>
/// <param name="Name">The file name after the number, e.g. <c>initial</c>.</param>
/// <param name="Sql">The script.</param>
/// <param name="Sha256">SHA-256 of the script's UTF-8 bytes, recorded when applied.</param>
internal sealed record PostgresMigration(int Version, string Name, string Sql, byte[] Sha256);
