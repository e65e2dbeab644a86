using Care.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Care.Hermes.Hosting;

/// <summary>The problem bodies Hermes answers with. Each names the field (JSON path) and the reason.</summary>
public static class Problems
{
    /// <summary>400: the input is invalid; <c>errors</c> lists each <c>{ where, problem }</c>.</summary>
    public static ProblemDetails Invalid(IReadOnlyList<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid input",
            Detail = errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more)",
            Type = "https://care.example/problems/invalid-input",
        };
        problem.Extensions["errors"] = errors.Select(e => new { where = e.Where, problem = e.Problem }).ToArray();
        return problem;
    }

    /// <summary>409: well-formed input that contradicts stored data.</summary>
    public static ProblemDetails Conflict(string where, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict with stored data",
            Detail = $"{where}: {detail}",
            Type = "https://care.example/problems/conflict",
        };
        problem.Extensions["errors"] = new[] { new { where, problem = detail } };
        return problem;
    }

    /// <summary>403: the caller is known but may not do this (a patch writing another wearer's record, a care team reading outside its scope).</summary>
    public static ProblemDetails Forbidden(string where, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = $"{where}: {detail}",
            Type = "https://care.example/problems/forbidden",
        };
        problem.Extensions["errors"] = new[] { new { where, problem = detail } };
        return problem;
    }
}
