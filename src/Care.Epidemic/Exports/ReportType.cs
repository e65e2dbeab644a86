namespace Care.Epidemic.Exports;

/// <summary>Why a key was published (GAEN <c>TemporaryExposureKey.ReportType</c>; numbers as on the wire).</summary>
public enum ReportType
{
    /// <summary>Not stated (never returned by a client).</summary>
    Unknown = 0,

    /// <summary>A positive test confirmed by a health authority.</summary>
    ConfirmedTest = 1,

    /// <summary>A clinical diagnosis without a test.</summary>
    ConfirmedClinicalDiagnosis = 2,

    /// <summary>Reported by the user.</summary>
    SelfReport = 3,

    /// <summary>Recursive (reserved by GAEN).</summary>
    Recursive = 4,

    /// <summary>The key is revoked.</summary>
    Revoked = 5,
}
