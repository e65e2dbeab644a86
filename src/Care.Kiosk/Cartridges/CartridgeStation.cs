using Care.Core.Ids;
using Care.Kiosk.Ledger;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Kiosk.Cartridges;

/// <summary>
/// Fills a wearer's cartridge to a dose plan only when the plan is proven in the ledger (signed tree
/// head from the ledger key the kiosk trusts, for this wearer), then has an independent assay
/// measure the cartridge. The cartridge is released only if the filler's figure and the assay
/// both agree with the prescription within <see cref="Tolerance"/>; either way the fill is
/// reported as a <c>CartridgeFilled</c> ledger record. Thread safe if the filler and assay are.
/// </summary>
public sealed class CartridgeStation(HybridVerificationKey ledgerKey, ICartridgeFiller filler, IAssayInstrument assay, TimeProvider time)
{
    /// <summary>Largest relative difference from the prescription that still releases (default 2 %).</summary>
    public double Tolerance { get; init; } = 0.02;

    /// <summary>Fills <paramref name="cartridgeId"/> for <paramref name="wearer"/> to the proven <paramref name="plan"/>.</summary>
    /// <exception cref="CartridgeRefusedException">The plan's proof does not verify or is not this wearer's plan; nothing was filled.</exception>
    public CartridgeFillOutcome Fill(string cartridgeId, WearerId wearer, InclusionProofDocument plan)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cartridgeId);
        var prescription = ProvenEntry.Read<DosePlanIssued>(plan, ledgerKey, out string? failure)
            ?? throw new CartridgeRefusedException($"dose plan refused: {failure}");
        if (prescription.For != wearer)
        {
            throw new CartridgeRefusedException($"dose plan {prescription.PlanId} is for another wearer");
        }
        double loaded = filler.Fill(cartridgeId, prescription.Drug, prescription.Amount);
        double assayed = assay.Measure(cartridgeId, prescription.Drug);
        var record = new CartridgeFilled(cartridgeId, wearer, prescription.PlanId, prescription.Drug, prescription.Amount, loaded, assayed, prescription.Unit, assay.Name)
        {
            At = time.GetUtcNow(),
        };
        bool fillerAgrees = Agrees(loaded, prescription.Amount);
        bool assayAgrees = Agrees(assayed, prescription.Amount);
        string reason = (fillerAgrees, assayAgrees) switch
        {
            (true, true) => "filled as prescribed; the assay agrees",
            (true, false) => $"held back: the assay measured {assayed} {prescription.Unit}, prescribed {prescription.Amount} (filler reported {loaded})",
            (false, true) => $"held back: the filler reported {loaded} {prescription.Unit}, prescribed {prescription.Amount}",
            _ => $"held back: filler {loaded} and assay {assayed} {prescription.Unit} both differ from the prescribed {prescription.Amount}",
        };
        return new CartridgeFillOutcome(record, fillerAgrees && assayAgrees, reason);
    }

    private bool Agrees(double measured, double prescribed) =>
        double.IsFinite(measured) && Math.Abs(measured - prescribed) <= Tolerance * prescribed;
}
