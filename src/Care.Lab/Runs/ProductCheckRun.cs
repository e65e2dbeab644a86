using System.Security.Cryptography;
using System.Text;
using Care.Lab.Attestation;
using Care.Lab.Jobs;
using Care.Lab.Ledger;
using Care.Molecular.Mapping;
using Care.Molecular.Mapping.Evaluation;
using Care.Molecular.Sequences;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Runs;

/// <summary>
/// One product check run through the whole lab path with simulated hardware: the sequencer's firmware
/// is released in the ledger, the sequencer boots and attests, Hermes authorises a sequencing job for
/// the ordered product, the gate starts it, the reads are simulated and mapped to the order, and the
/// job completes as <c>completed</c> (clean) or <c>quarantined</c> (anything that does not belong).
/// Every act is in the lab ledger, which is exported signed by the lab ledger's key so that
/// <see cref="LabLedgerVerifier"/> (and <c>care lab verify</c>) can check the result file offline.
/// </summary>
public static class ProductCheckRun
{
    /// <summary>The simulated sequencer's firmware image.</summary>
    public static readonly byte[] SequencerFirmware = "care simulated sequencer firmware 1.4"u8.ToArray();

    /// <summary>The simulated sequencer's configuration.</summary>
    public static readonly byte[] SequencerConfiguration = "short reads 150 nt, 2 lanes"u8.ToArray();

    /// <summary>Runs one check; throws <see cref="InvalidOperationException"/> when a lab step refuses (it should not in a clean run).</summary>
    public static ProductCheckResult Run(ProductCheckOptions options, HybridSigningKey ledgerKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ledgerKey);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var random = new Random(options.Seed);
        var ordered = VerificationEvaluation.Construct(random, options.ProductLength);
        var molecules = new List<(string Sequence, double Weight)> { (ordered, 1 - options.PayloadFraction) };
        if (options.PayloadFraction > 0)
        {
            molecules.Add((VerificationEvaluation.Construct(random, options.PayloadLength), options.PayloadFraction));
        }

        var ledger = new InMemoryLabLedger();
        ledger.Append(new FirmwareReleased("sequencer", "1.4", InMemoryLabLedger.Sha256(SequencerFirmware), "release-board") { At = time.GetUtcNow() });
        var attestation = new AttestationService(ledger, time);
        var instrumentKey = HybridSigningKey.FromSeeds(Seeds(options.Seed, "instrument"));
        const string instrument = "sequencer-1";
        attestation.Register(new InstrumentRegistration(instrument, "sequencer", HybridAlgorithms.Signature, instrumentKey.PublicKey));
        var agent = new InstrumentAgent(instrument, instrumentKey, SequencerFirmware, SequencerConfiguration);
        var boot = attestation.Verify(agent.Quote(attestation.IssueChallenge(instrument)));
        if (!boot.Accepted)
        {
            throw new InvalidOperationException($"the sequencer did not attest: {boot.Reason}");
        }

        var hermes = HybridSigningKey.FromSeeds(Seeds(options.Seed, "hermes"));
        var jobId = $"verify-{options.Seed}";
        var productBytes = Encoding.ASCII.GetBytes(ordered);
        var authorisation = new JobAuthoriser(hermes, ledger, time)
            .Authorise(jobId, LabJobKind.Sequencing, instrument, InMemoryLabLedger.Sha256(productBytes), "short-read verification v1", TimeSpan.FromMinutes(30));
        var gate = new JobGate(hermes.PublicKey, attestation, ledger, time);
        var refusal = gate.Start(authorisation, instrument, productBytes);
        if (refusal is not null)
        {
            throw new InvalidOperationException($"the sequencing job was refused: {refusal}");
        }

        var reads = new ReadSimulator(ErrorProfile.ShortReads, options.Seed + 1).Simulate(molecules, options.Reads);
        var verification = ProductVerifier.Verify(ordered, reads, VerificationPolicy.Default);
        var fastq = Encoding.UTF8.GetBytes(FastqReader.Format(reads));
        var completed = gate.Complete(jobId, fastq, verification.Passed ? "completed" : "quarantined");
        return new ProductCheckResult(jobId, ordered, fastq, verification, completed, ledger.Export(ledgerKey));
    }

    /// <summary>Deterministic key seeds for a simulated party (never used for a real identity).</summary>
    private static byte[] Seeds(int seed, string party) =>
        SHA512.HashData(Encoding.UTF8.GetBytes($"care.lab.simulated.{party}.{seed}"));
}
