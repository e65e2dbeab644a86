namespace Care.Hermes.Exposure;

/// <summary>How Hermes runs proximity tracing. Immutable.</summary>
public sealed record ExposureOptions
{
    /// <summary>Region written into every export (GAEN: a country or region code; default <c>ZZ</c>, ISO 3166's user-assigned code).</summary>
    public string Region { get; init; } = "ZZ";

    /// <summary>How long a verification code works after it is issued (default 24 hours, GAEN's long-code lifetime; 1 minute to 14 days).</summary>
    public TimeSpan CodeLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How often the publisher batches pending keys into an export (default hourly).</summary>
    public TimeSpan ExportInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Most keys in one upload (default 30, as Google's exposure-notifications-server's <c>MaxKeysOnPublish</c>).</summary>
    public int MaxKeysPerUpload { get; init; } = 30;

    /// <summary>Most keys in one export file (default 10,000; GAEN allows up to 750,000).</summary>
    public int MaxKeysPerExport { get; init; } = 10_000;

    /// <summary>Checks the settings; throws <see cref="ArgumentOutOfRangeException"/> saying which one is wrong and how to fix it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Region) || Region.Length > 32 || !Region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentOutOfRangeException(nameof(Region), Region, "the exposure region must be 1–32 letters, digits or '-', e.g. DE or DE-BY");
        }
        if (CodeLifetime < TimeSpan.FromMinutes(1) || CodeLifetime > TimeSpan.FromDays(14))
        {
            throw new ArgumentOutOfRangeException(nameof(CodeLifetime), CodeLifetime, "a verification code's lifetime must lie within 1 minute to 14 days");
        }
        if (ExportInterval < TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ExportInterval), ExportInterval, "exports are published at most once a minute");
        }
        if (MaxKeysPerUpload is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxKeysPerUpload), MaxKeysPerUpload, "keys per upload must lie within 1–1000");
        }
        if (MaxKeysPerExport is < 1 or > 750_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxKeysPerExport), MaxKeysPerExport, "keys per export must lie within 1–750,000 (GAEN's limit)");
        }
    }
}
