namespace Care.Trust.Bundles;

/// <summary>Why a sealed bundle was refused. Nothing from a refused bundle may be stored.</summary>
public enum BundleRejection
{
    /// <summary>Not a sealed bundle: wrong magic, unreadable header, trailing bytes.</summary>
    Malformed,

    /// <summary>The bytes end before the bundle does.</summary>
    Truncated,

    /// <summary>The bundle carries no signature.</summary>
    Unsigned,

    /// <summary>The bundle or the device uses a classical-only algorithm (RSA, ECDSA or Ed25519 alone).</summary>
    ClassicalOnly,

    /// <summary>The signing device is not registered.</summary>
    UnknownDevice,

    /// <summary>The signing device was revoked.</summary>
    RevokedDevice,

    /// <summary>The signature or the encryption does not check: the bytes were changed.</summary>
    Tampered,

    /// <summary>The bundle was encrypted for another recipient key.</summary>
    WrongRecipient,

    /// <summary>The sequence number is not above the last one accepted from this device.</summary>
    Replayed,

    /// <summary>The device is registered for another wearer than the one the bundle names (or for none): it may write only its own wearer's record.</summary>
    WrongWearer,

    /// <summary>The device was retired at a swap: its data was acknowledged and it left the body.</summary>
    RetiredDevice,
}
