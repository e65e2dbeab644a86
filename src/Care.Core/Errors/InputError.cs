namespace Care.Core.Errors;

/// <summary>
/// One thing wrong with some input, and where: a JSON path (<c>$.observations[3].value</c>),
/// a file and byte offset, a command-line option.
/// </summary>
/// <param name="Where">The place the problem is, in the input's own terms.</param>
/// <param name="Problem">What is wrong there, as a sentence a person can act on.</param>
public sealed record InputError(string Where, string Problem)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Where}: {Problem}";
}
