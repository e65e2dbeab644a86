using Care.Core.Ids;

namespace Care.Hermes.Interop.Fhir;

/// <summary>One page of a wearer's FHIR export (<c>$everything</c>).</summary>
/// <param name="Wearer">Whose record.</param>
/// <param name="Since">Readings, doses and alerts at or after this time (FHIR <c>_since</c>); null from the start.</param>
/// <param name="Count">At most about this many observations on the page (FHIR <c>_count</c>, 1–100,000; a page always ends on a whole timestamp); null for everything in one stream.</param>
/// <param name="IncludeRecord">True on the first page: the Patient, its Devices, the latest risk assessments and the ledger's Provenance.</param>
/// <param name="BaseUrl">The FHIR base, e.g. <c>http://127.0.0.1:5080/fhir</c>: entries' <c>fullUrl</c>s and the paging links are built on it.</param>
public sealed record FhirPageRequest(WearerId Wearer, DateTimeOffset? Since, int? Count, bool IncludeRecord, string BaseUrl)
{
    /// <summary>The largest <see cref="Count"/> accepted.</summary>
    public const int MaxCount = 100_000;
}
