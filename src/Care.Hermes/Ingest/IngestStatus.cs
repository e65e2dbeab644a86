namespace Care.Hermes.Ingest;

/// <summary>What an accepted upload did.</summary>
public enum IngestStatus
{
    /// <summary>The bundle was new and is now stored.</summary>
    Stored = 1,

    /// <summary>The same bundle was stored before; nothing was written again.</summary>
    AlreadyStored = 2,
}
