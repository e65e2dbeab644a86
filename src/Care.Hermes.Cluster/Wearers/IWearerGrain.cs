namespace Care.Hermes.Cluster.Wearers;

/// <summary>
/// One wearer, keyed by its wearer id (<c>W-…</c>): the only place in the cluster that stores that
/// wearer's uploads, one at a time, so its ingest order and risk state (NEWS2 tracker, sepsis scorer,
/// alert suppression) advance on one node. The state itself lives in Care's store (ADR 0019).
/// </summary>
public interface IWearerGrain : IGrainWithStringKey
{
    /// <summary>Stores an upload that another node opened; failures come back in the reply, not as exceptions.</summary>
    Task<WearerIngestReply> IngestAsync(WearerUpload upload);
}
