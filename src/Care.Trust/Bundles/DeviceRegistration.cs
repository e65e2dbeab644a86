using Care.Core.Ids;
using Care.Trust.Identity;

namespace Care.Trust.Bundles;

/// <summary>A device's registered identity.</summary>
/// <param name="DeviceId">The device's identifier (1–128 characters).</param>
/// <param name="PublicKey">Its hybrid Ed25519 + ML-DSA-65 public key.</param>
/// <param name="Revoked">True once revoked: its bundles are refused from then on.</param>
public sealed record DeviceRegistration(string DeviceId, HybridVerificationKey PublicKey, bool Revoked)
{
    /// <summary>The wearer the device is bound to (it may write only that wearer's record), or null for an unbound device.</summary>
    public WearerId? Wearer { get; init; }

    /// <summary>True once the device was retired at a swap: its bundles are refused from then on.</summary>
    public bool Retired { get; init; }
}
