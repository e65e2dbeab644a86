namespace Care.Hermes.Exposure;

/// <summary>What happened to an upload of diagnosis keys.</summary>
public enum KeyUploadOutcome
{
    /// <summary>The keys are stored for the next export and the code is used up.</summary>
    Published = 1,

    /// <summary>A retry: the code was used for exactly these keys, which are stored already. Nothing changed.</summary>
    AlreadyPublished = 2,

    /// <summary>No code has this hash. Nothing stored.</summary>
    UnknownCode = 3,

    /// <summary>The code was used for other keys. Nothing stored.</summary>
    UsedCode = 4,

    /// <summary>The code expired. Nothing stored.</summary>
    ExpiredCode = 5,

    /// <summary>One of the keys was published before (with another code). Nothing stored.</summary>
    KeyAlreadyPublished = 6,
}
