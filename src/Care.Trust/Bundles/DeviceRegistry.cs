using System.Collections.Concurrent;
using Care.Core.Errors;
using Care.Trust.Identity;

namespace Care.Trust.Bundles;

/// <summary>
/// An in-memory directory of device identities. Registration accepts only the hybrid
/// Ed25519 + ML-DSA-65 algorithm: a classical-only identity (RSA, ECDSA or Ed25519 alone) is refused,
/// because a quantum attacker can forge it. Thread safe.
/// </summary>
public sealed class DeviceRegistry : IDeviceDirectory
{
    private readonly ConcurrentDictionary<string, DeviceRegistration> _devices = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers <paramref name="deviceId"/> with a key of <paramref name="algorithm"/>. Throws
    /// <see cref="InvalidInputException"/> naming the field when the id is empty or already taken, the
    /// algorithm is classical-only or unknown, or the key bytes are malformed.
    /// </summary>
    public DeviceRegistration Register(string deviceId, string algorithm, ReadOnlySpan<byte> publicKey)
    {
        if (string.IsNullOrWhiteSpace(deviceId) || deviceId.Length > 128)
        {
            throw new InvalidInputException("deviceId", "must be 1–128 characters");
        }
        if (string.IsNullOrWhiteSpace(algorithm))
        {
            throw new InvalidInputException("algorithm", $"missing; register a {HybridAlgorithms.Signature} identity");
        }
        if (!string.Equals(algorithm, HybridAlgorithms.Signature, StringComparison.Ordinal))
        {
            var classical = ClassicalAlgorithms.IsClassicalOnly(algorithm);
            throw new InvalidInputException("algorithm", classical
                ? $"'{algorithm}' is a classical-only identity and is refused: a quantum attacker could forge its signatures; register a {HybridAlgorithms.Signature} identity (Ed25519 + ML-DSA-65, both must verify)"
                : $"'{algorithm}' is not supported; register a {HybridAlgorithms.Signature} identity");
        }
        HybridVerificationKey key;
        try
        {
            key = HybridVerificationKey.Import(publicKey);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException("publicKey", e.Message);
        }
        var registration = new DeviceRegistration(deviceId, key, Revoked: false);
        if (!_devices.TryAdd(deviceId, registration))
        {
            throw new InvalidInputException("deviceId", $"device '{deviceId}' is already registered");
        }
        return registration;
    }

    /// <summary>Revokes a device; returns false when it is unknown. Revocation is permanent.</summary>
    public bool Revoke(string deviceId)
    {
        while (_devices.TryGetValue(deviceId, out var current))
        {
            if (_devices.TryUpdate(deviceId, current with { Revoked = true }, current))
            {
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc/>
    public DeviceRegistration? Find(string deviceId) => _devices.TryGetValue(deviceId, out var registration) ? registration : null;
}
