using Care.Hermes.Alerts;
using Care.Hermes.Exposure;
using Care.Hermes.Ingest;
using Care.Hermes.Ledger;
using Care.Hermes.Risk;
using Care.Hermes.Storage;
using Care.Hermes.Therapy;
using Care.Trust.Identity;

namespace Care.Hermes.Hosting;

/// <summary>
/// Hermes composed in one place: the store from the options' backend, Hermes's recipient key, the
/// tree-head schedule, the sepsis model (when configured) and the one <see cref="BundleIngestor"/>
/// over them. <c>care serve</c> (through <see cref="HermesServiceCollectionExtensions.AddCareHermes"/>),
/// <c>care demo</c>, <c>care bench</c> and the tests all build Hermes through <see cref="Open"/>, so
/// they run the same wiring. Disposing it disposes the store. Thread safe (its parts are).
/// </summary>
public sealed class HermesComposition : IAsyncDisposable
{
    private HermesComposition(HermesOptions options, TimeProvider time, IHermesStore store, HybridKemPrivateKey recipient, SepsisRiskScoring? modelRisk, IWearerIngestRouter? router, ExportKeys exportKeys)
    {
        Options = options;
        Time = time;
        Store = store;
        Recipient = recipient;
        ModelRisk = modelRisk;
        TreeHeads = new TreeHeadSchedule(store, options.TreeHeadInterval);
        if (store is ILedgerOutboxStore outbox)
        {
            // What a promise states: a crashed sequencer's lease, one sequencer pass, then the next scheduled head.
            outbox.Sequencer.MaximumMergeDelay = outbox.Sequencer.Lease + LedgerSequencer.DefaultInterval + TreeHeads.Interval;
        }
        Ingestor = new BundleIngestor(store, recipient, time, options.Limits, modelRisk) { TreeHeads = TreeHeads, Router = router };
        Alerts = new AlertAcknowledger(store, time);
        DosePlans = new DosePlans(store);
        var exposureStore = store as IExposureStore ?? throw new Core.Errors.InvalidInputException(
            nameof(HermesOptions.Backend), $"the storage backend's store ({store.GetType().Name}) does not implement IExposureStore, which Hermes needs for proximity tracing");
        options.Exposure.Validate();
        ExportKeys = exportKeys;
        Exposure = new ExposureService(exposureStore, options.Exposure, time);
        Exports = new ExportPublisher(exposureStore, exportKeys.Signers, options.Exposure, time);
    }

    /// <summary>The options Hermes was composed from.</summary>
    public HermesOptions Options { get; }

    /// <summary>The clock every part uses.</summary>
    public TimeProvider Time { get; }

    /// <summary>The store (from <see cref="HermesOptions.Backend"/>).</summary>
    public IHermesStore Store { get; }

    /// <summary>Hermes's recipient key, the one patches seal bundles for.</summary>
    public HybridKemPrivateKey Recipient { get; }

    /// <summary>The sepsis model and its per-wearer scorers, or null for NEWS2 alerts only.</summary>
    public SepsisRiskScoring? ModelRisk { get; }

    /// <summary>When tree heads are signed.</summary>
    public TreeHeadSchedule TreeHeads { get; }

    /// <summary>The one path by which data enters Hermes.</summary>
    public BundleIngestor Ingestor { get; }

    /// <summary>Alert acknowledgement and its suppression rule.</summary>
    public AlertAcknowledger Alerts { get; }

    /// <summary>Dose plans and cartridge fills, matched under one write session.</summary>
    public DosePlans DosePlans { get; }

    /// <summary>Proximity tracing: verification codes, key uploads, notification counts.</summary>
    public ExposureService Exposure { get; }

    /// <summary>Batches diagnosis keys into signed export files.</summary>
    public ExportPublisher Exports { get; }

    /// <summary>The keys that sign exports (ECDSA P-256 and hybrid), in files beside the database.</summary>
    public ExportKeys ExportKeys { get; }

    /// <summary>
    /// Composes Hermes from <paramref name="options"/>: opens the store through its backend, loads (or
    /// creates) the recipient key beside <see cref="HermesOptions.DatabasePath"/>, and loads the sepsis
    /// model from <see cref="HermesOptions.SepsisModelPath"/> unless <paramref name="modelRisk"/> is given.
    /// A <paramref name="router"/> (a cluster's) takes each opened upload to the owner of its wearer's ingest order.
    /// </summary>
    /// <exception cref="Core.Errors.InvalidInputException">No backend was chosen, or the sepsis model file is missing or malformed (named in the message).</exception>
    /// <exception cref="IOException">The store cannot be opened (its backend says why).</exception>
    public static HermesComposition Open(HermesOptions options, TimeProvider? time = null, SepsisRiskScoring? modelRisk = null, IWearerIngestRouter? router = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var backend = options.Backend ?? throw new Core.Errors.InvalidInputException(
            nameof(HermesOptions.Backend), "no storage backend chosen; set HermesOptions.Backend (e.g. SqliteBackend.Instance from Care.Hermes.Storage.Sqlite)");
        time ??= TimeProvider.System;
        modelRisk ??= options.SepsisModelPath is null ? null : SepsisRiskScoring.Load(options.SepsisModelPath, options.ModelScorerCapacity);
        var store = backend.Open(options, time);
        try
        {
            return new HermesComposition(options, time, store, HermesKeys.Recipient(options.DatabasePath), modelRisk, router, ExportKeys.LoadOrCreate(options.DatabasePath));
        }
        catch
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        ExportKeys.Dispose();
        return Store.DisposeAsync();
    }
}
