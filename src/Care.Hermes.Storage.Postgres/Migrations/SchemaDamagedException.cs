namespace Care.Hermes.Storage.Postgres.Migrations;

/// <summary>
/// A PostgreSQL database's schema is not one this program can trust: a recorded version is missing
/// (a gap), a recorded script differs from the script of that number (edited after it was applied),
/// or a script found part of its objects already present without its record (half-applied by hand or
/// by a tool without transactions). Nothing was changed; the message names the track, the version and
/// what to do.
/// </summary>
public sealed class SchemaDamagedException : InvalidOperationException
{
    /// <summary>Creates the exception with its message.</summary>
    public SchemaDamagedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
