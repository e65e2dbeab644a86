using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Storage;
using Care.Molecular.Design;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Campaigns;

/// <summary>
/// Vaccine campaigns, the core's rules rather than an endpoint's or a backend's: Hermes designs the
/// product (<see cref="CampaignDesigner"/>) and ledgers the design (<c>VaccineDesigned</c>) and the
/// campaign (<c>VaccineCampaignIssued</c>); a kiosk requests a dose for an eligible wearer before the
/// campaign expires, once per request id; the lab reports each step, in order
/// (requested → screened → synthesised → verified → filled, or refused at any point), and every
/// product it reports must hash to the design: one that does not is refused and the refusal ledgered.
/// A step reported twice is recorded once. Thread safe.
/// </summary>
public sealed class VaccineCampaigns
{
    /// <summary>Largest λ accepted (the design's codon weight; LinearDesign's useful range is 0–10).</summary>
    public const double MaxLambda = 1000;

    /// <summary>Longest protein designed, in residues (the spike is 1,273).</summary>
    public const int MaxResidues = 1300;

    /// <summary>Proteins up to this length are designed exactly when no beam is given; longer ones with <see cref="DefaultBeam"/>.</summary>
    public const int ExactUpToResidues = 100;

    /// <summary>The beam used for longer proteins when none is given.</summary>
    public const int DefaultBeam = 100;

    private readonly IHermesStore _store;
    private readonly ICampaignStore _campaigns;
    private readonly CampaignDesigner _designer;
    private readonly TimeProvider _time;

    /// <summary>Creates the service over a store that also implements <see cref="ICampaignStore"/>.</summary>
    /// <exception cref="ArgumentException">The store does not implement <see cref="ICampaignStore"/>.</exception>
    public VaccineCampaigns(IHermesStore store, CampaignDesigner designer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _campaigns = store as ICampaignStore ?? throw new ArgumentException($"the {store.GetType().Name} backend does not store campaigns", nameof(store));
        _designer = designer;
        _time = time;
    }

    /// <summary>SHA-256 of a sequence's upper-case ASCII text, lower-case hex: the product hash of an mRNA.</summary>
    public static string Sha256(string sequence) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(sequence.ToUpperInvariant())));

    /// <summary>
    /// Checks <paramref name="request"/>, designs its product, and stores and ledgers the campaign.
    /// Throws <see cref="InvalidInputException"/> naming the field (unknown residue and its position,
    /// λ or dose out of range, expiry in the past) before anything is designed or stored.
    /// </summary>
    public async Task<CampaignRecord> CreateAsync(CampaignRequest request, string issuedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        string protein = ProteinSequence.Validate(request.Protein, "$.protein");
        if (protein.Length > MaxResidues)
        {
            throw new InvalidInputException("$.protein", $"{protein.Length} residues; at most {MaxResidues} are designed");
        }
        if (!double.IsFinite(request.Lambda) || request.Lambda < 0 || request.Lambda > MaxLambda)
        {
            throw new InvalidInputException("$.lambda", $"{request.Lambda.ToString(CultureInfo.InvariantCulture)} is not between 0 and {MaxLambda}");
        }
        int beam = request.Beam ?? (protein.Length <= ExactUpToResidues ? 0 : DefaultBeam);
        if (beam is < 0 or > 100_000)
        {
            throw new InvalidInputException("$.beam", $"{beam} is not between 0 (exact) and 100000");
        }
        if (beam == 0 && protein.Length > 300)
        {
            throw new InvalidInputException("$.beam", $"an exact design of {protein.Length} residues needs memory quadratic in length; give a beam (e.g. {DefaultBeam})");
        }
        if (!double.IsFinite(request.DoseMicrograms) || request.DoseMicrograms <= 0 || request.DoseMicrograms > 1000)
        {
            throw new InvalidInputException("$.doseMicrograms", $"{request.DoseMicrograms.ToString(CultureInfo.InvariantCulture)} is outside (0, 1000] µg");
        }
        if (request.ExpiresAt <= now || request.ExpiresAt > now.AddYears(2))
        {
            throw new InvalidInputException("$.expiresAt", $"{request.ExpiresAt:O} is not between now ({now:O}) and two years ahead");
        }
        if (request.Eligible is { Count: 0 or > 100_000 } list)
        {
            throw new InvalidInputException("$.eligibleWearers", $"{list.Count} wearers; give 1–100000, or leave it out for every wearer Hermes holds data for");
        }

        var design = await _designer.DesignAsync(protein, new DesignOptions(request.Lambda, Beam: beam), cancellationToken);
        string mrna = design.Mrna.ToUpperInvariant();
        string id = "camp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var campaign = new CampaignRecord(id, protein, mrna, Sha256(mrna), request.Lambda, beam, Math.Round(design.MfeKcalPerMol, 2), Math.Round(design.Cai, 4),
            request.DoseMicrograms, request.Eligible?.Distinct().ToList(), request.ExpiresAt, issuedBy, now);
        var designed = new VaccineDesigned(id, Sha256(protein), campaign.ProductSha256, campaign.Lambda, beam, campaign.MfeKcalPerMol, campaign.Cai, CampaignDesigner.Software) { At = now };
        var issued = new VaccineCampaignIssued(id, campaign.ProductSha256, campaign.DoseMicrograms, Describe(campaign.Eligible), campaign.ExpiresAt, issuedBy) { At = now };
        if (!await _campaigns.AddCampaignAsync(campaign, designed, issued, cancellationToken))
        {
            throw new CampaignRefusedException(409, "campaignId", $"campaign '{id}' already exists");
        }
        return campaign;
    }

    /// <summary>The campaign, or a 404 refusal naming it.</summary>
    public async Task<CampaignRecord> GetAsync(string campaignId, CancellationToken cancellationToken = default) =>
        await _campaigns.GetCampaignAsync(campaignId, cancellationToken)
            ?? throw new CampaignRefusedException(404, "campaignId", $"no campaign '{campaignId}'");

    /// <summary>Every campaign, newest first.</summary>
    public Task<IReadOnlyList<CampaignRecord>> ListAsync(CancellationToken cancellationToken = default) => _campaigns.ListCampaignsAsync(cancellationToken);

    /// <summary>
    /// Requests a dose of <paramref name="campaignId"/> for <paramref name="wearer"/> (the kiosk has
    /// identified them) under the kiosk's single-use <paramref name="requestId"/>. Refused (<see cref="CampaignRefusedException"/>):
    /// 404 unknown campaign, 410 expired, 403 ineligible wearer, 409 a replayed request id or a wearer
    /// who already holds a dose of this campaign. Nothing is stored or ledgered when refused.
    /// </summary>
    public async Task<DoseRecord> RequestDoseAsync(string campaignId, WearerId wearer, string requestId, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > 128 || !requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new InvalidInputException("$.requestId", "required: 1–128 characters of letters, digits, '-', '_' or '.'");
        }
        var campaign = await GetAsync(campaignId, cancellationToken);
        var now = _time.GetUtcNow();
        if (now > campaign.ExpiresAt)
        {
            throw new CampaignRefusedException(410, "campaignId", $"campaign '{campaignId}' expired at {campaign.ExpiresAt:O}; no dose may be requested");
        }
        bool eligible = campaign.Eligible is { } list ? list.Contains(wearer) : await _store.WearerExistsAsync(wearer, cancellationToken);
        if (!eligible)
        {
            throw new CampaignRefusedException(403, "$.wearerId", campaign.Eligible is null
                ? $"wearer '{wearer.Value}' is not eligible for campaign '{campaignId}': Hermes holds no data for them"
                : $"wearer '{wearer.Value}' is not eligible for campaign '{campaignId}': not on its list");
        }
        string doseId = "dose-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var dose = new DoseRecord(doseId, requestId, campaignId, wearer, DoseStep.Requested, now, now);
        var entry = new VaccineDoseStep(doseId, campaignId, wearer, Name(DoseStep.Requested), campaign.ProductSha256, "dose requested for an identified, eligible wearer", actor) { At = now };
        if (!await _campaigns.AddDoseAsync(dose, entry, EntrySha256(entry), cancellationToken))
        {
            throw new CampaignRefusedException(409, "$.requestId", $"replayed dose request: request id '{requestId}' was already used, or wearer '{wearer.Value}' already holds a dose of campaign '{campaignId}'");
        }
        return dose;
    }

    /// <summary>The dose and its recorded steps, or a 404 refusal naming it (also when it belongs to another campaign).</summary>
    public async Task<(DoseRecord Dose, IReadOnlyList<DoseStepRecord> Steps)> GetDoseAsync(string campaignId, string doseId, CancellationToken cancellationToken = default)
    {
        var dose = await _campaigns.GetDoseAsync(doseId, cancellationToken);
        if (dose is null || dose.CampaignId != campaignId)
        {
            throw new CampaignRefusedException(404, "doseId", $"no dose '{doseId}' in campaign '{campaignId}'");
        }
        return (dose, await _campaigns.ListStepsAsync(doseId, cancellationToken));
    }

    /// <summary>Doses of a campaign, optionally only those at <paramref name="step"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DoseRecord>> ListDosesAsync(string campaignId, DoseStep? step, int limit, CancellationToken cancellationToken = default)
    {
        await GetAsync(campaignId, cancellationToken);
        return await _campaigns.ListDosesAsync(campaignId, step, Math.Clamp(limit, 1, 1000), cancellationToken);
    }

    /// <summary>
    /// Records that dose <paramref name="doseId"/> reached <paramref name="step"/>, acting on or producing
    /// <paramref name="subjectSha256"/>. The step must follow the dose's current one (or be <c>refused</c>);
    /// the same step again changes nothing. For <c>synthesised</c>, <c>verified</c> and <c>filled</c> the
    /// subject is the product and must hash to the design: otherwise the dose is refused, the refusal
    /// ledgered, and a 409 <see cref="CampaignRefusedException"/> says why.
    /// </summary>
    public async Task<DoseRecord> RecordStepAsync(string campaignId, string doseId, DoseStep step, string subjectSha256, string detail, string actor, CancellationToken cancellationToken = default)
    {
        if (step == DoseStep.Requested || !Enum.IsDefined(step))
        {
            throw new InvalidInputException("$.step", "must be one of screened, synthesised, verified, filled, refused");
        }
        if (subjectSha256 is not { Length: 64 } || !subjectSha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new InvalidInputException("$.subjectSha256", "must be a SHA-256 in 64 lower-case hex digits");
        }
        if (string.IsNullOrWhiteSpace(detail) || detail.Length > 512)
        {
            throw new InvalidInputException("$.detail", "required: 1–512 characters saying what happened");
        }
        var campaign = await GetAsync(campaignId, cancellationToken);
        var (dose, _) = await GetDoseAsync(campaignId, doseId, cancellationToken);
        if (dose.Step == step)
        {
            return dose;
        }
        if (dose.Step is DoseStep.Filled or DoseStep.Refused)
        {
            throw new CampaignRefusedException(409, "$.step", $"dose '{doseId}' is already {Name(dose.Step)}; it cannot become {Name(step)}");
        }
        if (step != DoseStep.Refused && step != dose.Step + 1)
        {
            throw new CampaignRefusedException(409, "$.step", $"dose '{doseId}' is {Name(dose.Step)}; the next step is {Name(dose.Step + 1)} (or refused), not {Name(step)}");
        }
        var now = _time.GetUtcNow();
        bool carriesProduct = step is DoseStep.Synthesised or DoseStep.Verified or DoseStep.Filled;
        if (carriesProduct && subjectSha256 != campaign.ProductSha256)
        {
            string why = $"product {subjectSha256} reported as {Name(step)} does not hash to the design {campaign.ProductSha256}; dose refused";
            var refusal = new VaccineDoseStep(doseId, campaignId, dose.Wearer, Name(DoseStep.Refused), subjectSha256, why, actor) { At = now };
            await _campaigns.AdvanceDoseAsync(doseId, dose.Step, DoseStep.Refused, refusal, EntrySha256(refusal), cancellationToken);
            throw new CampaignRefusedException(409, "$.subjectSha256", why);
        }
        var entry = new VaccineDoseStep(doseId, campaignId, dose.Wearer, Name(step), subjectSha256, detail, actor) { At = now };
        if (!await _campaigns.AdvanceDoseAsync(doseId, dose.Step, step, entry, EntrySha256(entry), cancellationToken))
        {
            var (current, _) = await GetDoseAsync(campaignId, doseId, cancellationToken);
            return current.Step == step
                ? current
                : throw new CampaignRefusedException(409, "$.step", $"dose '{doseId}' moved to {Name(current.Step)} meanwhile; {Name(step)} was not recorded");
        }
        return dose with { Step = step, UpdatedAt = now };
    }

    /// <summary>The lower-case name of a step, as the ledger and the API write it.</summary>
    public static string Name(DoseStep step) => step.ToString().ToLowerInvariant();

    /// <summary>Parses a step name (case-insensitive), or throws <see cref="InvalidInputException"/> at <paramref name="where"/>.</summary>
    public static DoseStep ParseStep(string? text, string where) =>
        Enum.TryParse<DoseStep>(text, ignoreCase: true, out var step) && Enum.IsDefined(step) && !int.TryParse(text, out _)
            ? step
            : throw new InvalidInputException(where, $"'{text}' is not one of requested, screened, synthesised, verified, filled, refused");

    /// <summary>SHA-256 of an entry's promised form, lower-case hex: what its proof is asked for by.</summary>
    public static string EntrySha256(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Convert.ToHexStringLower(SHA256.HashData(entry.ToPromisedJson()));
    }

    private static string Describe(IReadOnlyList<WearerId>? eligible)
    {
        if (eligible is null)
        {
            return "any wearer Hermes holds data for";
        }
        string joined = string.Join('\n', eligible.Select(w => w.Value).Order(StringComparer.Ordinal));
        return $"listed wearers ({eligible.Count}), list sha256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))}";
    }
}
