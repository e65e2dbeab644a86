namespace Care.Hermes.Cluster.Wearers;

/// <summary>Why a wearer grain did not store an upload, so the receiving silo can answer as a single node would.</summary>
public enum WearerIngestFailure
{
    /// <summary>Stored, or stored before.</summary>
    None,

    /// <summary>A <see cref="Trust.Bundles.BundleRejectedException"/> (replay, wrong wearer, retired patch): HTTP 400.</summary>
    Rejected,

    /// <summary>An <see cref="Core.Errors.InvalidInputException"/>: HTTP 400.</summary>
    Invalid,

    /// <summary>An <see cref="Ingest.IngestConflictException"/>: HTTP 409.</summary>
    Conflict,
}
