using System.Security.Cryptography;
using Care.Core.Bundles;
using Care.Core.Ids;
using Care.Kiosk.Exchange;
using Care.Trust.Bundles;
using Care.Trust.Identity;

namespace Care.Kiosk.Tests.Durable;

/// <summary>
/// Hermes for the crash runs: opens bundles with the real trust code, stores each sealed bundle at
/// most once (by its bytes, then by bundle id), counts every store, and can be unreachable (seeded)
/// or die with the kiosk after storing and before answering (the acknowledgement lost).
/// </summary>
internal sealed class FlakyHermes(Random random, Crasher crasher, DateTimeOffset now) : IHermesUplink
{
    private readonly HybridKemPrivateKey _key = HybridKemPrivateKey.Generate();
    private readonly DeviceRegistry _devices = new();
    private readonly SequenceTracker _sequences = new();
    private readonly Dictionary<string, Guid> _byBytes = [];

    /// <summary>Observations stored per bundle id.</summary>
    public Dictionary<Guid, int> Stored { get; } = [];

    /// <summary>How often each bundle id was written (must stay 1).</summary>
    public Dictionary<Guid, int> Writes { get; } = [];

    /// <summary>Chance that a call finds Hermes unreachable.</summary>
    public double OutageRate { get; set; }

    public int Unavailable { get; private set; }

    public HybridKemPublicKey RecipientKey => _key.PublicKey;

    public Task RegisterPatchAsync(PatchId patch, WearerId wearer, HybridVerificationKey identity, CancellationToken cancellationToken = default)
    {
        _devices.Register(patch.Value, HybridAlgorithms.Signature, identity.Export());
        return Task.CompletedTask;
    }

    public Task RetirePatchAsync(PatchId patch, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<UploadReceipt> UploadAsync(ReadOnlyMemory<byte> bundle, CancellationToken cancellationToken = default)
    {
        if (OutageRate > 0 && random.NextDouble() < OutageRate)
        {
            Unavailable++;
            throw new UplinkUnavailableException("Hermes is unreachable (simulated)");
        }
        string hash = Convert.ToHexString(SHA256.HashData(bundle.Span));
        bool again = _byBytes.TryGetValue(hash, out var id);
        if (!again)
        {
            var opened = new BundleOpener(_key, _devices, _sequences).Open(bundle.Span);
            var read = BundleReader.Read(opened.Payload, now.AddYears(1));
            id = read.BundleId;
            _byBytes[hash] = id;
            Stored[id] = read.Observations.Count;
            Writes[id] = Writes.GetValueOrDefault(id) + 1;
        }
        crasher.Point("Hermes stored, acknowledgement not yet received");
        return Task.FromResult(new UploadReceipt(id, again, Stored[id]));
    }
}
