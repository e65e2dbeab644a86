using System.Text;
using Care.Core.Bundles;
using Care.Core.Ids;
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
        if (!_sequences.ContainsKey(deviceId))
        {
            await RegisterAsync(deviceId, WearerOf(payload, deviceId));
        }
        long last = _sequences[deviceId];
        _sequences[deviceId] = last + 1;
        return BundleSealer.Seal(payload, deviceId, last + 1, Key, hermes, Vitals.Now);
    }

    /// <summary>Registers <paramref name="deviceId"/> for <paramref name="wearer"/> (the shared test key), as a kiosk would.</summary>
    public async Task RegisterAsync(string deviceId, WearerId wearer)
    {
        await store.RegisterDeviceAsync(new DeviceEnrolment(deviceId, HybridAlgorithms.Signature, Key.PublicKey.Export(), wearer, "test-kiosk", "test", Vitals.Now));
        _sequences.TryAdd(deviceId, 0);
    }

    /// <summary>The wearer a test payload names (or, for a payload too broken to say, the one its patch id P-… suggests).</summary>
    private static WearerId WearerOf(byte[] payload, string deviceId)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(payload);
            if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("wearerId", out var w) && WearerId.TryParse(w.GetString(), out var named))
            {
                return named;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return WearerId.TryParse(deviceId.StartsWith("P-", StringComparison.Ordinal) ? deviceId[2..] : deviceId, out var guessed) ? guessed : WearerId.Parse("W-unknown");
    }
}
