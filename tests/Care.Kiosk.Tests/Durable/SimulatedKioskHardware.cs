using Care.Core.Ids;
using Care.Kiosk.Cartridges;
using Care.Kiosk.Exchange.Hardware;
using Care.Patch.Runtime;
using Care.Patch.State;
using Care.Trust.Identity;

namespace Care.Kiosk.Tests.Durable;

/// <summary>
/// The kiosk's physical world, which outlives a kiosk crash: the robot, the patch port, the filler
/// and the assay. Each honours its idempotency key like the real devices must, records every
/// physical act, and gives the crasher a point after each effect. Violations of the safety rules
/// (wiping data Hermes has not stored) are recorded, not thrown, so the test reports them.
/// </summary>
internal sealed class SimulatedKioskHardware(Crasher crasher, FlakyHermes hermes, DateTimeOffset now) : IPatchRobot, IPatchPort, ICartridgeFiller, IAssayInstrument
{
    private readonly HashSet<string> _done = [];
    private readonly Dictionary<string, double> _cartridges = [];

    public Dictionary<PatchId, WearablePatch> Patches { get; } = [];

    public HashSet<PatchId> OnBody { get; } = [];

    public HashSet<PatchId> Wiped { get; } = [];

    public Dictionary<string, int> PhysicalFills { get; } = [];

    public Dictionary<PatchId, int> Attaches { get; } = [];

    public Dictionary<PatchId, int> ModelLoads { get; } = [];

    /// <summary>Each patch's side of the learned-state transfer (old and new patches).</summary>
    public Dictionary<PatchId, PatchStateKeeper> Keepers { get; } = [];

    /// <summary>What each old patch has learned.</summary>
    public Dictionary<PatchId, LearnedState> Learned { get; } = [];

    /// <summary>What each new patch was loaded with, and how many times a load took effect.</summary>
    public Dictionary<PatchId, LearnedState> Loaded { get; } = [];

    public Dictionary<PatchId, int> StateLoads { get; } = [];

    /// <summary>When set, the old patch's blob is changed in this byte before the kiosk sees it (a corrupt read).</summary>
    public int? CorruptStateByte { get; set; }

    public List<string> Violations { get; } = [];

    /// <summary>Relative error of the next assay readings (0 = truthful).</summary>
    public double AssayError { get; set; }

    public string Name => "assay-sim";

    public void Detach(PatchId patch, string idempotencyKey)
    {
        if (!_done.Add(idempotencyKey))
        {
            return;
        }
        if (!OnBody.Remove(patch))
        {
            Violations.Add($"detached {patch.Value}, which was not on a body");
        }
        crasher.Point($"robot detached {patch.Value}");
    }

    public void Attach(PatchId patch, WearerId wearer, string idempotencyKey)
    {
        if (!_done.Add(idempotencyKey))
        {
            return;
        }
        OnBody.Add(patch);
        Attaches[patch] = Attaches.GetValueOrDefault(patch) + 1;
        crasher.Point($"robot attached {patch.Value}");
    }

    public byte[] ReadSealedBundle(PatchId patch)
    {
        if (Wiped.Contains(patch))
        {
            Violations.Add($"read {patch.Value} after it was wiped");
        }
        return Patches[patch].Seal(now).Bytes;
    }

    public void LoadModel(PatchId patch, ReadOnlySpan<byte> modelFile, string idempotencyKey)
    {
        if (!_done.Add(idempotencyKey))
        {
            return;
        }
        ModelLoads[patch] = ModelLoads.GetValueOrDefault(patch) + 1;
        crasher.Point($"model loaded onto {patch.Value}");
    }

    public HybridKemPublicKey ReadStateKey(PatchId patch) => Keepers[patch].StateKey;

    public byte[] ReadLearnedState(PatchId patch, HybridKemPublicKey recipient)
    {
        if (Wiped.Contains(patch))
        {
            Violations.Add($"read the learned state of {patch.Value} after it was wiped");
        }
        var blob = Keepers[patch].Export(Learned[patch], recipient, now);
        if (CorruptStateByte is { } at)
        {
            blob[at] ^= 0x40;
        }
        return blob;
    }

    public void LoadLearnedState(PatchId patch, ReadOnlySpan<byte> blob, PatchId fromPatch, HybridVerificationKey fromKey, string idempotencyKey)
    {
        if (_done.Contains(idempotencyKey))
        {
            return;
        }
        Loaded[patch] = Keepers[patch].Import(blob, fromPatch, fromKey);
        _done.Add(idempotencyKey);
        StateLoads[patch] = StateLoads.GetValueOrDefault(patch) + 1;
        crasher.Point($"learned state loaded onto {patch.Value}");
    }

    public void Wipe(PatchId patch, Guid bundleId, string idempotencyKey)
    {
        if (!_done.Add(idempotencyKey))
        {
            return;
        }
        if (!hermes.Stored.ContainsKey(bundleId))
        {
            Violations.Add($"wiped {patch.Value} before Hermes stored bundle {bundleId}");
        }
        if (OnBody.Contains(patch))
        {
            Violations.Add($"wiped {patch.Value} while on a body");
        }
        Patches[patch].Acknowledge(bundleId);
        Wiped.Add(patch);
        crasher.Point($"wiped {patch.Value}");
    }

    public double Fill(string cartridgeId, string drug, double amount)
    {
        if (_cartridges.TryGetValue(cartridgeId, out double loaded))
        {
            return loaded; // The filler's idempotency: a filled cartridge reports its fill, never fills again.
        }
        _cartridges[cartridgeId] = amount;
        PhysicalFills[cartridgeId] = PhysicalFills.GetValueOrDefault(cartridgeId) + 1;
        crasher.Point($"filled {cartridgeId}");
        return amount;
    }

    public double Measure(string cartridgeId, string drug) =>
        _cartridges.TryGetValue(cartridgeId, out double loaded) ? loaded * (1 + AssayError) : 0;
}
