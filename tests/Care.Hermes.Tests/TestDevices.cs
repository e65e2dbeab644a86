using System.Text;
using Care.Core.Bundles;
using Care.Hermes.Storage;
using Care.Trust.Bundles;
using Care.Trust.Identity;

namespace Care.Hermes.Tests;

/// <summary>Seals test bundles as registered patches would: one identity per patch id, registered on first use, sequence numbers counting up.</summary>
internal sealed class TestDevices(IHermesStore store, HybridKemPublicKey hermes)
{
    private static readonly HybridSigningKey Key = HybridSigningKey.Generate();
    private readonly Dictionary<string, long> _sequences = [];

    public static HybridSigningKey SharedKey => Key;

    public HybridKemPublicKey Hermes => hermes;

    public Task<byte[]> SealAsync(Bundle bundle) => SealAsync(BundleWriter.Write(bundle), bundle.PatchId.Value);

    public Task<byte[]> SealAsync(string payload, string deviceId) => SealAsync(Encoding.UTF8.GetBytes(payload), deviceId);

    public async Task<byte[]> SealAsync(byte[] payload, string deviceId)
    {
        if (!_sequences.TryGetValue(deviceId, out long last))
        {
            await store.RegisterDeviceAsync(deviceId, HybridAlgorithms.Signature, Key.PublicKey.Export(), Vitals.Now);
        }
        _sequences[deviceId] = last + 1;
        return BundleSealer.Seal(payload, deviceId, last + 1, Key, hermes, Vitals.Now);
    }
}
