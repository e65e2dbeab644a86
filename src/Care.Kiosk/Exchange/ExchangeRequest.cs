using Care.Core.Ids;
using Care.Trust.Identity;
using Care.Trust.Ledger;

namespace Care.Kiosk.Exchange;

/// <summary>
/// One exchange to run, after the wearer was identified. Written whole to the kiosk's journal
/// before anything happens, so a restarted kiosk can finish it from its store alone.
/// </summary>
/// <param name="ExchangeId">The exchange's idempotency key: starting the same id twice resumes it.</param>
/// <param name="Wearer">The identified wearer.</param>
/// <param name="OldPatch">The patch coming off; its identity must be the wearer's.</param>
/// <param name="OldPatchKey">The old patch's registered verification key (its bundles' signatures are checked against it).</param>
/// <param name="NewPatch">The patch going on.</param>
/// <param name="CartridgeId">The new cartridge; also the filler's idempotency key (a cartridge is filled at most once).</param>
/// <param name="Plan">The wearer's dose plan with its ledger inclusion proof.</param>
/// <param name="ModelName">The on-device model's name, as its release names it.</param>
/// <param name="ModelFile">The model file to load.</param>
/// <param name="ModelRelease">The model's <c>ModelReleased</c> ledger entry with its inclusion proof.</param>
public sealed record ExchangeRequest(
    Guid ExchangeId,
    WearerId Wearer,
    PatchId OldPatch,
    HybridVerificationKey OldPatchKey,
    PatchId NewPatch,
    string CartridgeId,
    InclusionProofDocument Plan,
    string ModelName,
    byte[] ModelFile,
    InclusionProofDocument ModelRelease);
