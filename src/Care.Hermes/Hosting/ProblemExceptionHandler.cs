using Care.Core.Errors;
using Care.Hermes.Ingest;
using Care.Trust.Bundles;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Care.Hermes.Hosting;

/// <summary>
/// Turns domain exceptions into RFC 9457 problem bodies: invalid input → 400 with every error's
/// JSON path, conflicts → 409, malformed HTTP → 400. Anything else stays a 500 without details.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            InvalidInputException e => Problems.Invalid(e.Errors),
            IngestConflictException e => Problems.Conflict(e.Where, e.Problem),
            BundleRejectedException { Reason: BundleRejection.Replayed } e => Problems.Conflict("sequence", e.Message),
            BundleRejectedException { Reason: BundleRejection.WrongWearer or BundleRejection.RetiredDevice } e => Problems.Forbidden("$.wearerId", e.Message),
            BundleRejectedException e => Problems.Invalid([new InputError($"sealed bundle ({e.Reason})", e.Message)]),
            BadHttpRequestException e => Problems.Invalid([new InputError("$", e.Message)]),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
