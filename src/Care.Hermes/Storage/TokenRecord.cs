using Care.Core.Ids;
using Care.Hermes.Access;

namespace Care.Hermes.Storage;

/// <summary>A stored bearer token: only its SHA-256 is kept, never the token itself.</summary>
/// <param name="Id">Public id of the token (safe to log).</param>
/// <param name="Sha256">SHA-256 of the token text.</param>
/// <param name="Role">What the token may do.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="RevokedAt">When it was revoked, or null while valid.</param>
public sealed record TokenRecord(string Id, byte[] Sha256, Role Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>When the token stops working.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The wearers a clinician token may read (a care team), or null for every wearer.</summary>
    public IReadOnlyList<WearerId>? Wearers { get; init; }

    /// <summary>Whose token it is, in words (never a secret), or null.</summary>
    public string? Label { get; init; }

    /// <summary>True when the token works at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
