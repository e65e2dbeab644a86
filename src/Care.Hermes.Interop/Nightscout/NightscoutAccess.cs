using Care.Core.Ids;

namespace Care.Hermes.Interop.Nightscout;

/// <summary>What a Nightscout request may do for the wearer in its URL.</summary>
/// <param name="TokenId">The token (or secret's token record) id, for the ledger; null when nothing was presented or it was refused.</param>
/// <param name="CanRead">May read the wearer's entries, treatments and device status.</param>
/// <param name="CanWrite">May upload entries (only the wearer's own API secret).</param>
/// <param name="Presented">True when credentials were presented (valid or not).</param>
public readonly record struct NightscoutAccess(string? TokenId, bool CanRead, bool CanWrite, bool Presented)
{
    /// <summary>No credentials.</summary>
    public static NightscoutAccess None => new(null, false, false, false);

    /// <summary>Credentials that do not work for this wearer.</summary>
    public static NightscoutAccess Refused => new(null, false, false, true);

    /// <summary>The wearer the URL names.</summary>
    public WearerId Wearer { get; init; }
}
