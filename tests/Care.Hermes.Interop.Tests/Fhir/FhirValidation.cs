using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Care.Hermes.Interop.Tests.Fhir;

/// <summary>Firely's validator over the R4 specification.zip that the Hl7.Fhir.Specification.Data.R4 package copies beside the tests (never downloaded).</summary>
internal static class FhirValidation
{
    private static readonly Lazy<Validator> Instance = new(() =>
    {
        string zip = Path.Combine(AppContext.BaseDirectory, "specification.zip");
        if (!File.Exists(zip))
        {
            throw new FileNotFoundException("specification.zip is missing beside the tests; the Hl7.Fhir.Specification.Data.R4 package copies it there", zip);
        }
        var source = new CachedResolver(ZipSource.CreateValidationSource(zip));
        return new Validator(source, new LocalTerminologyService(source));
    });

    private static readonly Lock Gate = new();

    /// <summary>The error and fatal issues of validating <paramref name="resource"/> (against <paramref name="profile"/>, or its own claims and base R4).</summary>
    public static IReadOnlyList<string> Errors(Resource resource, string? profile = null)
    {
        OperationOutcome outcome;
        lock (Gate)
        {
            outcome = profile is null ? Instance.Value.Validate(resource) : Instance.Value.Validate(resource, profile);
        }
        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id}: {string.Join(",", i.Expression ?? [])} {i.Details?.Text ?? i.Diagnostics}")];
    }
}
