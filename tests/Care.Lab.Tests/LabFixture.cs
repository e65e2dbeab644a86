using Care.Lab.Attestation;
using Care.Lab.Jobs;
using Care.Lab.Ledger;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;
using Microsoft.Extensions.Time.Testing;

namespace Care.Lab.Tests;

/// <summary>A lab with one released synthesiser firmware, one registered attested-capable synthesiser and Hermes's key.</summary>
internal sealed class LabFixture
{
    public static readonly byte[] Firmware = "synthesiser firmware 3.1"u8.ToArray();
    public static readonly byte[] Configuration = "config: 25 nmol, 4 columns"u8.ToArray();

    public LabFixture()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero));
        Ledger = new InMemoryLabLedger();
        Ledger.Append(new FirmwareReleased("synthesiser", "3.1", InMemoryLabLedger.Sha256(Firmware), "release-board") { At = Time.GetUtcNow() });
        Attestation = new AttestationService(Ledger, Time);
        InstrumentKey = HybridSigningKey.FromSeeds(Enumerable.Range(1, 64).Select(i => (byte)i).ToArray());
        Attestation.Register(new InstrumentRegistration("synth-1", "synthesiser", HybridAlgorithms.Signature, InstrumentKey.PublicKey));
        Agent = new InstrumentAgent("synth-1", InstrumentKey, Firmware, Configuration);
        HermesKey = HybridSigningKey.FromSeeds(Enumerable.Range(100, 64).Select(i => (byte)i).ToArray());
        Authoriser = new JobAuthoriser(HermesKey, Ledger, Time);
        Gate = new JobGate(HermesKey.PublicKey, Attestation, Ledger, Time);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryLabLedger Ledger { get; }

    public AttestationService Attestation { get; }

    public HybridSigningKey InstrumentKey { get; }

    public InstrumentAgent Agent { get; }

    public HybridSigningKey HermesKey { get; }

    public JobAuthoriser Authoriser { get; }

    public JobGate Gate { get; }

    public AttestationOutcome Boot() => Attestation.Verify(Agent.Quote(Attestation.IssueChallenge("synth-1")));

    public JobAuthorisation Authorise(string jobId = "job-1", string instrument = "synth-1") =>
        Authoriser.Authorise(jobId, LabJobKind.Synthesis, instrument, InMemoryLabLedger.Sha256("ATGGCT"u8), "phosphoramidite-v2", TimeSpan.FromMinutes(30));
}
