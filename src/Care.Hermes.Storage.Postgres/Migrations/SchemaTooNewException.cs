namespace Care.Hermes.Storage.Postgres.Migrations;

/// <summary>
/// A PostgreSQL database was written by a newer Care (its recorded schema version is beyond the
/// newest script this program knows). Opening it is refused before anything is written.
/// </summary>
public sealed class SchemaTooNewException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="track"/> at <paramref name="stored"/> when this program knows <paramref name="known"/>.</summary>
    public SchemaTooNewException(string track, long stored, int known)
        : base($"the {track} tables are at schema version {stored}, newer than this program's {known}; upgrade Care (never open a newer database with older code)")
    {
        Track = track;
        StoredVersion = stored;
        KnownVersion = known;
    }

    /// <summary>Which series of scripts (e.g. "Hermes", "ledger").</summary>
    public string Track { get; } = "";

    /// <summary>The version the database records.</summary>
    public long StoredVersion { get; }

    /// <summary>The newest version this program knows.</summary>
    public int KnownVersion { get; }
}
