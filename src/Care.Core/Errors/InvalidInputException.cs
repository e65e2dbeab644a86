namespace Care.Core.Errors;

/// <summary>
/// Thrown when input is rejected as a whole: nothing from it was used or stored. The edges map
/// it to a clear message (HTTP 400 with a problem body, CLI exit code 2 with a one-line cause).
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the exception for one or more errors (at least one).</summary>
    public InvalidInputException(IReadOnlyList<InputError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for a single error.</summary>
    public InvalidInputException(string where, string problem)
        : this([new InputError(where, problem)])
    {
    }

    /// <summary>Every problem found, in input order; never empty.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    private static string Describe(IReadOnlyList<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count, nameof(errors));
        return errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more)";
    }
}
