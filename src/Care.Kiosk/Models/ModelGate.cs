using System.Security.Cryptography;
using Care.Kiosk.Ledger;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Kiosk.Models;

/// <summary>
/// The kiosk's check before it loads an on-device model onto a patch: the model file's SHA-256
/// must be the one a <c>ModelReleased</c> entry of the ledger names, and that entry's inclusion
/// proof must verify against a tree head signed by the ledger key the kiosk trusts. So no one,
/// Hermes included, can put a model on a patch that is not publicly in the ledger. Thread safe.
/// </summary>
public sealed class ModelGate(HybridVerificationKey ledgerKey)
{
    /// <summary>Approves <paramref name="modelFile"/> as release <paramref name="release"/> of model <paramref name="expectedName"/>.</summary>
    /// <returns>The release entry the file matches.</returns>
    /// <exception cref="ModelRefusedException">Any check failed; the file must not be loaded.</exception>
    public ModelReleased Approve(ReadOnlySpan<byte> modelFile, string expectedName, InclusionProofDocument release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var model = ProvenEntry.Read<ModelReleased>(release, ledgerKey, out string? failure)
            ?? throw new ModelRefusedException($"release refused: {failure}");
        if (!string.Equals(model.ModelName, expectedName, StringComparison.Ordinal))
        {
            throw new ModelRefusedException($"ledger entry {release.Index} releases '{model.ModelName}', not '{expectedName}'");
        }
        string actual = Convert.ToHexStringLower(SHA256.HashData(modelFile));
        if (!string.Equals(actual, model.ModelSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelRefusedException($"the model file's SHA-256 is {actual}, but release {model.Version} in the ledger names {model.ModelSha256}");
        }
        return model;
    }
}
