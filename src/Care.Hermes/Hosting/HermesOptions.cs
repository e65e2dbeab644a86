using Care.Core.Bundles;

namespace Care.Hermes.Hosting;

/// <summary>How Hermes runs: where it stores data and what it accepts.</summary>
public sealed record HermesOptions
{
    /// <summary>
    /// Where Hermes keeps its files: the SQLite backend's database (created if absent), and beside it
    /// Hermes's recipient key (<c>PATH.recipient-key</c>) and the ledger's signing key.
    /// </summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// The storage backend that opens Hermes's store (e.g. <c>SqliteBackend.Instance</c> from
    /// <c>Care.Hermes.Storage.Sqlite</c>). Required: the core holds no SQL and picks no backend itself;
    /// <see cref="HermesComposition.Open"/> refuses options without one, saying how to set it.
    /// </summary>
    public IHermesBackend? Backend { get; init; }

    /// <summary>
    /// After a clinician acknowledges an alert, re-alerts of the same or a lower level for that
    /// wearer are suppressed for this long (default 4 hours); a higher level always alerts.
    /// </summary>
    public TimeSpan AlertSuppression { get; init; } = TimeSpan.FromHours(4);

    /// <summary>
    /// The sepsis model file (e.g. <c>models/sepsis-vitals-v3.model</c>) that scores each wearer-hour
    /// of patch vitals and raises explained model-risk alerts, or null (the default) for NEWS2 alerts only.
    /// A missing or malformed file fails the start with the file named.
    /// </summary>
    public string? SepsisModelPath { get; init; }

    /// <summary>
    /// Most wearers whose sepsis-model scorers stay in memory between bundles (about 10 kB each; at
    /// least 1); a wearer dropped from memory is rebuilt from storage at its next bundle.
    /// </summary>
    public int ModelScorerCapacity { get; init; } = Risk.SepsisRiskScoring.DefaultCapacity;

    /// <summary>
    /// The folder holding the RNA energy parameters (<c>rna_turner2004_stackfix.par</c>) and the codon
    /// table (<c>codon_usage_human_kazusa.csv</c>) that vaccine campaigns are designed with (e.g.
    /// <c>../shared/data/rna</c>), or null (the default): then <c>POST /v1/campaigns</c> answers 503 saying
    /// how to set it, and everything else runs.
    /// </summary>
    public string? RnaDataFolder { get; init; }

    /// <summary>Limits on uploaded bundles.</summary>
    public BundleLimits Limits { get; init; } = BundleLimits.Default;

    /// <summary>
    /// The least time between two signed tree heads, and the longest an act waits for one (its
    /// maximum merge delay): heads are signed after write acts and on this timer, never on a read.
    /// Default 10 seconds; 1 second to 1 day.
    /// </summary>
    public TimeSpan TreeHeadInterval { get; init; } = Ledger.TreeHeadSchedule.DefaultInterval;

    /// <summary>Proximity tracing: export region, code lifetime, export interval, upload and export limits (ADR 0021).</summary>
    public Exposure.ExposureOptions Exposure { get; init; } = new();

    /// <summary>Requests one token may make per minute before answers turn to 429 with <c>Retry-After</c> (default 1,200; 0 turns the limit off).</summary>
    public int RequestsPerTokenPerMinute { get; init; } = 1200;

    /// <summary>Requests one network address may make per minute, tokens or not (default 2,400; 0 turns the limit off).</summary>
    public int RequestsPerAddressPerMinute { get; init; } = 2400;
}
