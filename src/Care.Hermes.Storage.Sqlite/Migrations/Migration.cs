namespace Care.Hermes.Storage.Sqlite.Migrations;

/// <summary>One numbered schema script.</summary>
/// <param name="Version">Its number (1, 2, 3, … without gaps within its track).</param>
/// <param name="Name">The file name after the number, e.g. <c>doses</c>.</param>
/// <param name="Sql">The script.</param>
internal sealed record Migration(int Version, string Name, string Sql);
