using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Care.Kiosk.Cartridges;
using Care.Molecular.Mapping;
using Care.Molecular.Screening;

namespace Care.Lab.Vaccines;

/// <summary>
/// The lab's vaccine line: for each dose, screening of the synthesis order → the synthesis job →
/// sequencing and read-by-read verification against the design → the fill through the
/// <see cref="CartridgeStation"/> (which refuses a product that does not hash to the design, then
/// assays the cartridge). Every job is written to the <see cref="LabJournal"/> before and after it
/// runs, and every finished step is reported to Hermes; so after any fault (a failed run, a lost
/// connection, a power cut) running the line again over the same journal never runs a finished job
/// twice, never loses a job's record, and re-sends only the reports that did not arrive.
/// Not thread safe: one line per journal.
/// </summary>
public sealed class VaccineLine
{
    /// <summary>Runs of one stage (failed or interrupted) before the dose is refused.</summary>
    public const int MaxAttempts = 3;

    private readonly LabJournal _journal;
    private readonly OrderScreener _screener;
    private readonly IVaccineSynthesiser _synthesiser;
    private readonly CartridgeStation _station;
    private readonly SeededLabFaults _faults;
    private readonly TimeProvider _time;

    /// <summary>Creates the line.</summary>
    public VaccineLine(LabJournal journal, OrderScreener screener, IVaccineSynthesiser synthesiser, CartridgeStation station, SeededLabFaults faults, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(screener);
        ArgumentNullException.ThrowIfNull(synthesiser);
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(time);
        (_journal, _screener, _synthesiser, _station, _faults, _time) = (journal, screener, synthesiser, station, faults, time);
    }

    /// <summary>Reads sequenced per product (default 2,000).</summary>
    public int Reads { get; init; } = 2000;

    /// <summary>Seed of the simulated reads.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Takes <paramref name="order"/> as far as it can go. Throws <see cref="PowerCutException"/> when
    /// the simulated power goes mid-job (as a dying process would stop); run again to recover.
    /// </summary>
    public async Task<DoseOutcome> RunAsync(VaccineOrder order, IDoseReporter reporter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(reporter);
        LabStage? reached = null;
        foreach (var stage in Enum.GetValues<LabStage>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var done = _journal.Done(order.DoseId, stage) ?? Run(order, stage);
            reached = stage;
            bool refused = done.Outcome == "refused";
            if (!_journal.Reported(order.DoseId, stage))
            {
                try
                {
                    if (_faults.LoseConnection())
                    {
                        throw new HttpRequestException("simulated lost connection to Hermes");
                    }
                    await reporter.ReportAsync(order, refused ? "refused" : Step(stage), done.SubjectSha256!, done.Detail!, cancellationToken);
                }
                catch (DoseReportRefusedException e)
                {
                    _journal.Write(new JournalRecord(order.DoseId, stage, done.Attempt, JournalEvent.Reported, _time.GetUtcNow(), Detail: "refused by Hermes: " + e.Message));
                    return new DoseOutcome(order.DoseId, stage, Refused: true, Pending: false, "Hermes refused the step: " + e.Message);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    return new DoseOutcome(order.DoseId, stage, Refused: refused, Pending: true, $"{Step(stage)} report not delivered ({e.Message}); the journal keeps it for the next pass");
                }
                _journal.Write(new JournalRecord(order.DoseId, stage, done.Attempt, JournalEvent.Reported, _time.GetUtcNow()));
            }
            if (refused)
            {
                return new DoseOutcome(order.DoseId, stage, Refused: true, Pending: false, done.Detail!);
            }
        }
        return new DoseOutcome(order.DoseId, reached, Refused: false, Pending: false, "filled and released");
    }

    /// <summary>The step name Hermes records for a finished stage.</summary>
    public static string Step(LabStage stage) => stage switch
    {
        LabStage.Screening => "screened",
        LabStage.Synthesis => "synthesised",
        LabStage.Verification => "verified",
        _ => "filled",
    };

    /// <summary>SHA-256 of a sequence's upper-case ASCII text, lower-case hex.</summary>
    public static string Sha256(string sequence) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(sequence.ToUpperInvariant())));

    private JournalRecord Run(VaccineOrder order, LabStage stage)
    {
        if (_journal.Unfinished(order.DoseId, stage) is { } cut)
        {
            _journal.Write(cut with { Event = JournalEvent.Interrupted, At = _time.GetUtcNow(), Detail = "found unfinished at restart (power cut mid-job); closed, never resumed" });
        }
        int first = _journal.Attempts(order.DoseId, stage) + 1;
        for (int attempt = first; attempt < first + MaxAttempts; attempt++)
        {
            _journal.Write(new JournalRecord(order.DoseId, stage, attempt, JournalEvent.Started, _time.GetUtcNow()));
            bool mayFail = stage is LabStage.Synthesis or LabStage.Verification;
            if (mayFail && _faults.FailRun())
            {
                _journal.Write(new JournalRecord(order.DoseId, stage, attempt, JournalEvent.Failed, _time.GetUtcNow(), Detail: "the instrument reported a failed run"));
                continue;
            }
            var result = Execute(order, stage, attempt);
            if (_faults.CutPower())
            {
                // The job ran but its result never reached the journal: at restart it is closed as interrupted and run again as a new job.
                throw new PowerCutException($"power cut during {stage} of {order.DoseId} (attempt {attempt})");
            }
            _journal.Write(result);
            return result;
        }
        var gaveUp = new JournalRecord(order.DoseId, stage, first + MaxAttempts - 1, JournalEvent.Done, _time.GetUtcNow(), Sha256(order.Mrna), "refused",
            $"{stage}: {MaxAttempts} runs failed; dose refused");
        _journal.Write(gaveUp);
        return gaveUp;
    }

    private JournalRecord Execute(VaccineOrder order, LabStage stage, int attempt)
    {
        string dna = order.Mrna.ToUpperInvariant().Replace('U', 'T');
        var now = _time.GetUtcNow();
        JournalRecord Done(string sha, bool passed, string detail, string? product = null) =>
            new(order.DoseId, stage, attempt, JournalEvent.Done, now, sha, passed ? "passed" : "refused", detail, product);
        switch (stage)
        {
            case LabStage.Screening:
            {
                var screened = _screener.Screen(dna);
                return screened.Flagged
                    ? Done(Sha256(dna), false, $"synthesis order flagged: it matches sequences of concern ({string.Join(", ", screened.FlaggedEntries)}); held for human review")
                    : Done(Sha256(dna), true, $"synthesis order of {dna.Length} nt screened: no sequence of concern");
            }
            case LabStage.Synthesis:
            {
                var molecules = _synthesiser.Synthesise(dna);
                string product = string.Join(';', molecules.Select(m => $"{m.Sequence}:{m.Weight.ToString("R", CultureInfo.InvariantCulture)}"));
                return Done(Sha256(Rna(molecules[0].Sequence)), true, $"synthesis job made {molecules[0].Sequence.Length} nt", product);
            }
            case LabStage.Verification:
            {
                var molecules = Molecules(order, LabStage.Synthesis);
                int seed = Seed ^ BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{order.DoseId}/{attempt}")));
                var reads = new ReadSimulator(ErrorProfile.ShortReads, seed).Simulate(molecules, Reads);
                var verification = ProductVerifier.Verify(dna, reads, VerificationPolicy.Default);
                return verification.Passed
                    ? Done(Sha256(Rna(molecules[0].Sequence)), true, $"{verification.Reads} reads: {verification.ReadsBelonging} map to the design, median depth {verification.MedianDepth:F0}, nothing foreign")
                    : Done(Sha256(Rna(molecules[0].Sequence)), false, "quarantined: " + string.Join("; ", verification.Reasons));
            }
            default:
            {
                if (order.CampaignProof is null)
                {
                    return Done(order.ProductSha256, false, "no proven campaign to fill against; nothing filled");
                }
                string made = Rna(Molecules(order, LabStage.Synthesis)[0].Sequence);
                try
                {
                    var fill = _station.FillVaccine("cart-" + order.DoseId, order.Wearer, order.CampaignProof, made);
                    return Done(Sha256(made), fill.Released, fill.Released
                        ? $"filled {fill.Record.Loaded} {fill.Record.Unit}; assay {fill.Record.Assay} {fill.Record.Unit} by {fill.Record.Instrument} agrees"
                        : fill.Reason);
                }
                catch (CartridgeRefusedException e)
                {
                    return Done(Sha256(made), false, e.Message);
                }
            }
        }
    }

    private List<(string Sequence, double Weight)> Molecules(VaccineOrder order, LabStage stage)
    {
        var made = _journal.Done(order.DoseId, stage)?.Product ?? throw new InvalidOperationException($"{order.DoseId}: no finished {stage} in the journal");
        return [.. made.Split(';').Select(m =>
        {
            int colon = m.LastIndexOf(':');
            return (m[..colon], double.Parse(m[(colon + 1)..], CultureInfo.InvariantCulture));
        })];
    }

    private static string Rna(string dna) => dna.Replace('T', 'U');
}
