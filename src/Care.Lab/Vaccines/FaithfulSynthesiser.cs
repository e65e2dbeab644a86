namespace Care.Lab.Vaccines;

/// <summary>A simulated synthesiser that makes exactly what was ordered.</summary>
public sealed class FaithfulSynthesiser : IVaccineSynthesiser
{
    /// <inheritdoc/>
    public IReadOnlyList<(string Sequence, double Weight)> Synthesise(string orderedDna) => [(orderedDna, 1.0)];
}
