using System.Security.Cryptography;
using System.Text;
using Care.Core.Ids;
using Care.Kiosk.Cartridges;
using Care.Lab.Vaccines;
using Care.Molecular.Mapping.Evaluation;
using Care.Molecular.Screening;
using Care.Molecular.Screening.Evaluation;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Tests.Vaccines;

/// <summary>The vaccine line: screening → synthesis → verification → fill, through faults, with a journal that never runs a finished job twice.</summary>
public sealed class VaccineLineTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly HybridSigningKey LedgerKey = HybridSigningKey.FromSeeds(SHA512.HashData("care.lab.tests.vaccine-ledger"u8));
    private static readonly OrderScreener Screener = new(ConcernDatabase.Build(SyntheticConcerns.Generate(7, 20), ScreeningPolicy.Default));
    private readonly string _folder = Directory.CreateTempSubdirectory("care-vaccine-line-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string JournalPath => Path.Combine(_folder, "journal.jsonl");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class Recorder : IDoseReporter
    {
        public List<string> Steps { get; } = [];

        public Task ReportAsync(VaccineOrder order, string step, string subjectSha256, string detail, CancellationToken cancellationToken)
        {
            Steps.Add(step);
            return Task.CompletedTask;
        }
    }

    private sealed class CountingSynthesiser(Func<string, IReadOnlyList<(string, double)>>? make = null) : IVaccineSynthesiser
    {
        public int Runs { get; private set; }

        public IReadOnlyList<(string Sequence, double Weight)> Synthesise(string orderedDna)
        {
            Runs++;
            return make?.Invoke(orderedDna) ?? [(orderedDna, 1.0)];
        }
    }

    private sealed class Filler : ICartridgeFiller
    {
        public double Fill(string cartridgeId, string drug, double amount) => amount;
    }

    private sealed class Assay : IAssayInstrument
    {
        public string Name => "assay-3";

        public double Measure(string cartridgeId, string drug) => 30;
    }

    /// <summary>A campaign of a 600-nt coding construct, issued in a one-entry ledger signed by <see cref="LedgerKey"/>.</summary>
    private static VaccineOrder Order(string doseId = "dose-1", int seed = 3)
    {
        string mrna = VerificationEvaluation.Construct(new Random(seed), 600).Replace('T', 'U');
        var issued = new VaccineCampaignIssued("camp-1", VaccineLine.Sha256(mrna), 30, "any wearer", Now.AddDays(30), "tok_admin") { At = Now };
        return new VaccineOrder(doseId, "camp-1", WearerId.Parse("W-1"), mrna, VaccineLine.Sha256(mrna), Proof(issued));
    }

    private static InclusionProofDocument Proof(LedgerEntry entry)
    {
        byte[] data = entry.ToCanonicalJson(0);
        byte[] leaf = MerkleHash.Leaf(data);
        return new InclusionProofDocument(0, data, leaf, SignedTreeHead.Sign(LedgerKey, 1, leaf, Now), []);
    }

    private VaccineLine Line(IVaccineSynthesiser synthesiser, SeededLabFaults? faults = null) =>
        new(new LabJournal(JournalPath), Screener, synthesiser, new CartridgeStation(LedgerKey.PublicKey, new Filler(), new Assay(), TimeProvider.System), faults ?? SeededLabFaults.None, TimeProvider.System);

    [Fact]
    public async Task A_clean_dose_is_screened_made_verified_and_filled_each_step_reported_once()
    {
        var reporter = new Recorder();
        var outcome = await Line(new CountingSynthesiser()).RunAsync(Order(), reporter, Cancel);
        Assert.True(outcome.Filled, outcome.Detail);
        Assert.True(outcome.Made && outcome.Verified);
        Assert.Equal(["screened", "synthesised", "verified", "filled"], reporter.Steps);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Through_failed_runs_lost_connections_and_power_cuts_every_finished_job_runs_once_and_no_record_is_lost(int seed)
    {
        var reporter = new Recorder();
        var synthesiser = new CountingSynthesiser();
        int cuts = 0, failed = 0, lost = 0, passes = 0;
        DoseOutcome? outcome = null;
        while (outcome is not { Pending: false } && passes++ < 100)
        {
            // Each pass is a fresh process over the same journal file; its faults come from their own seed.
            var faults = new SeededLabFaults(0.25, seed * 1000 + passes);
            try
            {
                outcome = await Line(synthesiser, faults).RunAsync(Order(), reporter, Cancel);
            }
            catch (PowerCutException)
            {
                outcome = null;
            }
            (cuts, failed, lost) = (cuts + faults.PowerCuts, failed + faults.FailedRuns, lost + faults.LostConnections);
        }
        Assert.NotNull(outcome);
        Assert.True(cuts + failed + lost > 0, "the seed injected no fault");
        var journal = new LabJournal(JournalPath).Records;
        foreach (var stage in Enum.GetValues<LabStage>().Take(outcome.Reached is { } r ? (int)r : 0))
        {
            Assert.Single(journal, j => j.Stage == stage && j.Event == JournalEvent.Done);
            Assert.Single(journal, j => j.Stage == stage && j.Event == JournalEvent.Reported);
        }
        Assert.Equal(cuts, journal.Count(j => j.Event == JournalEvent.Interrupted) + (outcome is null ? 1 : 0));
        Assert.Equal(reporter.Steps.Distinct().Count(), reporter.Steps.Count);

        // Once finished, running again does nothing: no job, no record, no report.
        int runs = synthesiser.Runs, records = journal.Count, reports = reporter.Steps.Count;
        await Line(synthesiser).RunAsync(Order(), reporter, Cancel);
        Assert.Equal((runs, records, reports), (synthesiser.Runs, new LabJournal(JournalPath).Records.Count, reporter.Steps.Count));
    }

    [Fact]
    public async Task An_extra_payload_at_two_percent_of_molecules_is_quarantined_and_nothing_is_filled()
    {
        string payload = VerificationEvaluation.Construct(new Random(99), 1500);
        var reporter = new Recorder();
        var outcome = await Line(new CountingSynthesiser(dna => [(dna, 0.98), (payload, 0.02)])).RunAsync(Order(), reporter, Cancel);
        Assert.True(outcome.Refused);
        Assert.False(outcome.Verified);
        Assert.Equal(["screened", "synthesised", "refused"], reporter.Steps);
        Assert.Contains("quarantined", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_that_does_not_hash_to_the_design_is_refused_at_the_fill()
    {
        var order = Order();
        var station = new CartridgeStation(LedgerKey.PublicKey, new Filler(), new Assay(), TimeProvider.System);
        string other = order.Mrna[..^3] + (order.Mrna[^3..] == "UAA" ? "UAG" : "UAA");
        var refused = Assert.Throws<CartridgeRefusedException>(() => station.FillVaccine("cart-1", order.Wearer, order.CampaignProof!, other));
        Assert.Contains("does not hash to the design", refused.Message, StringComparison.Ordinal);
        Assert.True(station.FillVaccine("cart-1", order.Wearer, order.CampaignProof!, order.Mrna).Released);
        // A proof signed by another key is not the campaign.
        var forged = order.CampaignProof! with { TreeHead = SignedTreeHead.Sign(HybridSigningKey.FromSeeds(SHA512.HashData("forger"u8)), 1, order.CampaignProof.LeafHash, Now) };
        Assert.Throws<CartridgeRefusedException>(() => station.FillVaccine("cart-2", order.Wearer, forged, order.Mrna));
        await Task.CompletedTask;
    }

    [Fact]
    public void A_torn_last_journal_line_is_ignored_and_a_damaged_earlier_line_is_refused_with_its_number()
    {
        var journal = new LabJournal(JournalPath);
        journal.Write(new JournalRecord("dose-1", LabStage.Screening, 1, JournalEvent.Started, Now));
        File.AppendAllText(JournalPath, "{\"doseId\":\"dose-1\",\"sta", Encoding.UTF8);
        Assert.Single(new LabJournal(JournalPath).Records);
        File.WriteAllText(JournalPath, "not json\n{\"doseId\":\"dose-1\"}\n", Encoding.UTF8);
        var error = Assert.Throws<InvalidDataException>(() => new LabJournal(JournalPath));
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }
}
