namespace Care.Kiosk.Identity;

/// <summary>
/// An enrolled iris code as stored: permuted and masked by a keyed transform
/// (<see cref="IrisTemplateProtector"/>). Without the key it cannot be matched, and under another key it
/// is as far from a fresh code of the same eye as a stranger's. Immutable.
/// </summary>
/// <param name="KeyId">Which protector key made it (first 8 bytes of the key's SHA-256, hex); a template is only compared under its own key.</param>
/// <param name="Code">The transformed code words.</param>
/// <param name="Mask">The permuted mask words.</param>
public sealed record ProtectedIrisTemplate(string KeyId, ulong[] Code, ulong[] Mask);
