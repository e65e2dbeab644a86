using System.Text.Json;
using Care.Core.Errors;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Interop.Fhir;

/// <summary>FHIR errors as an <c>OperationOutcome</c> (what FHIR clients read), each issue naming its element path.</summary>
public static class FhirOutcome
{
    /// <summary>The media type of FHIR JSON.</summary>
    public const string MediaType = "application/fhir+json";

    /// <summary>An OperationOutcome with one error issue per input error, the path in <c>expression</c>.</summary>
    public static OperationOutcome From(IEnumerable<InputError> errors, OperationOutcome.IssueType type = OperationOutcome.IssueType.Invalid) => new()
    {
        Issue = [.. errors.Select(e => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = type,
            Diagnostics = $"{e.Where}: {e.Problem}",
            Expression = [e.Where],
        })],
    };

    /// <summary>An HTTP answer carrying an OperationOutcome.</summary>
    public static IResult Result(int status, string where, string problem, OperationOutcome.IssueType type = OperationOutcome.IssueType.Invalid) =>
        Result(status, From([new InputError(where, problem)], type));

    /// <summary>An HTTP answer carrying <paramref name="outcome"/>.</summary>
    public static IResult Result(int status, OperationOutcome outcome) =>
        Results.Text(JsonSerializer.Serialize(outcome, FhirExporter.Json), MediaType, System.Text.Encoding.UTF8, status);
}
