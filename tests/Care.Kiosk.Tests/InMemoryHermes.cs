using System.Security.Cryptography;
using Care.Core.Bundles;
using Care.Core.Ids;
using Care.Kiosk.Exchange;
using Care.Trust.Bundles;
using Care.Trust.Identity;

namespace Care.Kiosk.Tests;

/// <summary>
/// A stand-in for Hermes that opens sealed bundles with the real trust code (registered devices,
/// replay protection) and keeps them by id; it can fail the first calls, before or after storing.
/// Shared with the simulation tests.
/// </summary>
internal sealed class InMemoryHermes(int failures = 0, bool failAfterStoring = false) : IHermesUplink
{
    private readonly HybridKemPrivateKey _key = HybridKemPrivateKey.Generate();
    private readonly DeviceRegistry _devices = new();
    private readonly SequenceTracker _sequences = new();
    private readonly Dictionary<string, Guid> _sealed = [];
    private readonly Lock _gate = new();
    private int _calls;

    public Dictionary<Guid, int> Stored { get; } = [];

    public long Observations
    {
        get
        {
            lock (_gate)
            {
                return Stored.Values.Sum();
            }
        }
    }

    public HybridKemPublicKey RecipientKey => _key.PublicKey;

    /// <summary>Patches retired at a swap, in order.</summary>
    public List<PatchId> Retired { get; } = [];

    public Task RegisterPatchAsync(PatchId patch, WearerId wearer, HybridVerificationKey identity, CancellationToken cancellationToken = default)
    {
        _devices.Register(patch.Value, HybridAlgorithms.Signature, identity.Export());
        return Task.CompletedTask;
    }

    public Task RetirePatchAsync(PatchId patch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Retired.Add(patch);
        }
        return Task.CompletedTask;
    }

    public Task<UploadReceipt> UploadAsync(ReadOnlyMemory<byte> bundle, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            int call = ++_calls;
            if (call <= failures && !failAfterStoring)
            {
                throw new UplinkUnavailableException("connection refused");
            }
            string hash = Convert.ToHexString(SHA256.HashData(bundle.Span));
            bool again = _sealed.TryGetValue(hash, out var id);
            if (!again)
            {
                var opened = new BundleOpener(_key, _devices, _sequences).Open(bundle.Span);
                // The receiver's "now" is the sealing time from the test's own clock, never the machine's.
                var read = BundleReader.Read(opened.Payload, opened.SealedAt);
                id = read.BundleId;
                _sealed[hash] = id;
                Stored[id] = read.Observations.Count;
            }
            if (call <= failures)
            {
                throw new UplinkUnavailableException("timed out waiting for the acknowledgement");
            }
            return Task.FromResult(new UploadReceipt(id, again, Stored[id]));
        }
    }
}
