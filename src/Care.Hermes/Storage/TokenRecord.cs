using Care.Hermes.Access;

namespace Care.Hermes.Storage;

/// <summary>A stored bearer token: only its SHA-256 is kept, never the token itself.</summary>
/// <param name="Id">Public id of the token (safe to log).</param>
/// <param name="Sha256">SHA-256 of the token text.</param>
/// <param name="Role">What the token may do.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="RevokedAt">When it was revoked, or null while valid.</param>
public sealed record TokenRecord(string Id, byte[] Sha256, Role Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
