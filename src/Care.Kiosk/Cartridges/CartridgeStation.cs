using System.Security.Cryptography;
using System.Text;
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
        return Finish(cartridgeId, wearer, prescription.PlanId, prescription.Drug, prescription.Amount, prescription.Unit);
    }

    /// <summary>
    /// Fills <paramref name="cartridgeId"/> for <paramref name="wearer"/> with one dose of a vaccine
    /// campaign proven in the ledger (<c>VaccineCampaignIssued</c>), only if <paramref name="product"/>
    /// (the mRNA as made and verified, ACGU) hashes to the campaign's designed product; then the
    /// independent assay measures the cartridge as for any fill.
    /// </summary>
    /// <exception cref="CartridgeRefusedException">The campaign's proof does not verify, or the product does not hash to the design; nothing was filled.</exception>
    public CartridgeFillOutcome FillVaccine(string cartridgeId, WearerId wearer, InclusionProofDocument campaign, string product)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cartridgeId);
        ArgumentNullException.ThrowIfNull(product);
        var issued = ProvenEntry.Read<VaccineCampaignIssued>(campaign, ledgerKey, out string? failure)
            ?? throw new CartridgeRefusedException($"vaccine campaign refused: {failure}");
        string productSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(product.ToUpperInvariant())));
        if (productSha != issued.ProductSha256)
        {
            throw new CartridgeRefusedException($"product {productSha} does not hash to the design {issued.ProductSha256} of campaign {issued.CampaignId}; nothing filled");
        }
        return Finish(cartridgeId, wearer, issued.CampaignId, $"mRNA vaccine {issued.CampaignId}", issued.DoseMicrograms, "ug");
    }

    private CartridgeFillOutcome Finish(string cartridgeId, WearerId wearer, string planId, string drug, double amount, string unit)
    {
        double loaded = filler.Fill(cartridgeId, drug, amount);
        double assayed = assay.Measure(cartridgeId, drug);
        var record = new CartridgeFilled(cartridgeId, wearer, planId, drug, amount, loaded, assayed, unit, assay.Name)
        {
            At = time.GetUtcNow(),
        };
        bool fillerAgrees = Agrees(loaded, amount);
        bool assayAgrees = Agrees(assayed, amount);
        string reason = (fillerAgrees, assayAgrees) switch
        {
            (true, true) => "filled as prescribed; the assay agrees",
            (true, false) => $"held back: the assay measured {assayed} {unit}, prescribed {amount} (filler reported {loaded})",
            (false, true) => $"held back: the filler reported {loaded} {unit}, prescribed {amount}",
            _ => $"held back: filler {loaded} and assay {assayed} {unit} both differ from the prescribed {amount}",
        };
        return new CartridgeFillOutcome(record, fillerAgrees && assayAgrees, reason);
    }

    private bool Agrees(double measured, double prescribed) =>
        double.IsFinite(measured) && Math.Abs(measured - prescribed) <= Tolerance * prescribed;
}
