namespace Care.Patch.State;

/// <summary>Why a learned-state blob was refused.</summary>
public enum LearnedStateRefusal
{
    /// <summary>Truncated, oversized, a bad field, a duplicated or unknown section, trailing bytes.</summary>
    Malformed = 1,

    /// <summary>A format version this patch does not read.</summary>
    UnknownVersion = 2,

    /// <summary>The signature or the encryption's authentication failed: the bytes were changed.</summary>
    Tampered = 3,

    /// <summary>The state belongs to another wearer.</summary>
    ForeignWearer = 4,

    /// <summary>It comes from a patch that is not the wearer's registered old patch.</summary>
    ForeignPatch = 5,

    /// <summary>It is encrypted for another patch.</summary>
    NotForThisPatch = 6,

    /// <summary>It is not newer than the state this patch already has.</summary>
    Stale = 7,
}
