namespace Care.Cardio.Wfdb;

/// <summary>
/// One WFDB annotation: a labelled sample. Codes follow the MIT annotation codes
/// (see <see cref="AnnotationCodes"/>); <see cref="Aux"/> carries rhythm labels such as <c>(AFIB</c>.
/// </summary>
/// <param name="Sample">The sample number (0-based) the annotation marks.</param>
/// <param name="Code">The annotation code, 0 to 49.</param>
/// <param name="SubType">The subtype (SUB field); for NOISE, bits 4 and 5 both set mean "unreadable".</param>
/// <param name="Channel">The signal number (CHN field).</param>
/// <param name="Number">The annotator-defined number (NUM field).</param>
/// <param name="Aux">The auxiliary text (AUX field), or null.</param>
public readonly record struct Annotation(long Sample, byte Code, sbyte SubType = 0, byte Channel = 0, short Number = 0, string? Aux = null)
{
    /// <summary>The MIT mnemonic of <see cref="Code"/> (<c>N</c>, <c>V</c>, <c>+</c>, …).</summary>
    public string Mnemonic => AnnotationCodes.Mnemonic(Code);

    /// <summary>True when the annotation marks a beat (QRS), as WFDB's <c>isqrs</c> says.</summary>
    public bool IsBeat => AnnotationCodes.IsBeat(Code);
}
